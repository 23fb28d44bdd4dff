package org.hallway.view;

import java.io.PrintWriter;

import org.hallway.util.Html;

/** Page frame shared by every HTML page. */
public final class Layout {

    public static void end(PrintWriter output) {
        output.println("</main><footer>Hallway &middot; community events</footer></body></html>");
    }

    public static void begin(PrintWriter output, String title) {
        output.println("<!DOCTYPE html>");
        output.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        output.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        output.println("<title>" + Html.escape(title) + " - Hallway</title>");
        output.println("<link rel=\"stylesheet\" href=\"/static/hallway.css\">");
        output.println("</head><body><nav><a href=\"/\">Hallway</a> <a href=\"/events/new\">Publish an event</a></nav>");
        output.println("<main>");
    }

    private Layout() {
    }
}
