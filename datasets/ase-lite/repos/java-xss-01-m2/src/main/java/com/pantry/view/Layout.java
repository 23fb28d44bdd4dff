package com.pantry.view;

import java.io.PrintWriter;

import com.pantry.util.Html;

/** The page frame shared by all HTML pages of the site. */
public final class Layout {

    private Layout() {
    }

    public static void begin(PrintWriter out, String title) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<title>" + Html.escape(title) + " | Pantry</title>");
        out.println("<link rel=\"stylesheet\" href=\"/static/pantry.css\">");
        out.println("</head><body>");
        out.println("<header><a class=\"brand\" href=\"/\">Pantry</a>");
        out.println("<form action=\"/recipes/search\" method=\"get\"><input name=\"q\" placeholder=\"Search recipes\"></form>");
        out.println("</header><main>");
    }

    public static void end(PrintWriter out) {
        out.println("</main><footer>Recipes are shared by Pantry members.</footer>");
        out.println("</body></html>");
    }
}
