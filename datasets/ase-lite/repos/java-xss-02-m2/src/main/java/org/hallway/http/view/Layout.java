package org.hallway.http.view;

import java.io.PrintWriter;

import org.hallway.util.Html;

/** Page frame shared by every HTML page. */
public final class Layout {

    private Layout() {
    }

    public static void begin(PrintWriter out, String title) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>" + Html.escape(title) + " - Hallway</title>");
        out.println("<link rel=\"stylesheet\" href=\"/static/hallway.css\">");
        out.println("</head><body><nav><a href=\"/\">Hallway</a> <a href=\"/events/new\">Publish an event</a></nav>");
        out.println("<main>");
    }

    public static void end(PrintWriter out) {
        out.println("</main><footer>Hallway &middot; community events</footer></body></html>");
    }
}
