package com.netprobe.web;

import java.io.PrintWriter;

import com.netprobe.util.Html;

/** Header and footer of the panel pages. */
final class Page {

    static void begin(PrintWriter out, String caption) {
        out.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
        out.println("<title>" + Html.encode(caption) + " - NetProbe</title>");
        out.println("<link rel=\"stylesheet\" href=\"/static/panel.css\"></head><body>");
        out.println("<nav><a href=\"diagnostics\">Diagnostics</a> <a href=\"diagnostics/history\">History</a></nav>");
    }

    static void end(PrintWriter out) {
        out.println("</body></html>");
    }

    private Page() {
    }
}
