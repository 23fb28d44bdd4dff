package com.netprobe.app.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.netprobe.audit.ProbeLog;
import com.netprobe.util.Html;

/** {@code GET /diagnostics/history}: the latest recorded runs. */
@WebServlet("/diagnostics/history")
public class HistoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final ProbeLog probeLog = new ProbeLog();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        List<ProbeLog.Entry> entries;
        try {
            entries = probeLog.latest(100);
        } catch (SQLException e) {
            throw new ServletException("cannot read the run history", e);
        }
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        Page.begin(out, "History");
        out.println("<h1>Latest runs</h1><table><tr><th>When</th><th>Tool</th><th>Target</th>"
                + "<th>Exit</th><th>ms</th><th>Client</th></tr>");
        for (ProbeLog.Entry e : entries) {
            out.println("<tr><td>" + e.at + "</td><td>" + Html.escape(e.tool) + "</td><td>"
                    + Html.escape(e.target) + "</td><td>" + e.exitCode + "</td><td>" + e.millis
                    + "</td><td>" + Html.escape(e.client) + "</td></tr>");
        }
        out.println("</table>");
        Page.end(out);
    }
}
