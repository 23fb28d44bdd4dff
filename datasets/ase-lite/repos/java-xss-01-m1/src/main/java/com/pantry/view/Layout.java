package com.pantry.view;

import java.io.PrintWriter;

import com.pantry.util.Html;

/** The page frame shared by all HTML pages of the site. */
public final class Layout {

    public static void begin(PrintWriter stdout, String title) {
        stdout.println("<!DOCTYPE html>");
        stdout.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        stdout.println("<title>" + Html.quote(title) + " | Pantry</title>");
        stdout.println("<link rel=\"stylesheet\" href=\"/static/pantry.css\">");
        stdout.println("</head><body>");
        stdout.println("<header><a class=\"brand\" href=\"/\">Pantry</a>");
        stdout.println("<form action=\"/recipes/search\" method=\"get\"><input name=\"q\" placeholder=\"Search recipes\"></form>");
        stdout.println("</header><main>");
    }

    public static void end(PrintWriter stdout) {
        stdout.println("</main><footer>Recipes are shared by Pantry members.</footer>");
        stdout.println("</body></html>");
    }

    private Layout() {
    }
}
