package com.netprobe.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.netprobe.audit.ProbeLog;
import com.netprobe.config.ProbeConfig;
import com.netprobe.util.HostNames;
import com.netprobe.util.Html;

/** {@code /diagnostics}: the form (GET) and one diagnostic run (POST). */
@WebServlet("/diagnostics")
public class DiagnosticsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(DiagnosticsServlet.class.getName());

    private final ProbeLog probeLog = new ProbeLog();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String tool = req.getParameter("tool");
        String host = req.getParameter("host");
        String elementKind = req.getParameter("type");
        String numArg = req.getParameter("count");
        if (tool == null || host == null || host.isBlank()) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "tool and host are required");
            return;
        }
        host = host.trim();
        int count = ProbeConfig.DEFAULT_PING_COUNT;
        if (numArg != null && !numArg.isBlank()) {
            try {
                count = Math.max(1, Math.min(ProbeConfig.MAX_PING_COUNT, Integer.parseInt(numArg.trim())));
            } catch (NumberFormatException e) {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "count must be a number");
                return;
            }
        }

        String command;
        switch (tool) {
            case "ping":
                command = ProbeConfig.probeLocation() + " -c " + count + " -W 2 " + host;
                break;
            case "traceroute":
                command = ProbeConfig.tracerouteLocation() + " -m 20 -w 2 " + host;
                break;
            case "dig":
                String type = elementKind == null || elementKind.isBlank()
                        ? "A" : elementKind.trim().toUpperCase(Locale.ROOT);
                command = ProbeConfig.digLocation() + " +noall +answer " + host + " " + type;
                break;
            case "whois":
                command = ProbeConfig.whoisRoute() + " " + host;
                break;
            default:
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown tool");
                return;
        }

        long started = System.nanoTime();
        List<String> output = new ArrayList<>();
        int exitCode;
        Process proc = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (output.size() < ProbeConfig.maxOutputLines()) {
                    output.add(line);
                }
            }
        }
        try {
            if (!proc.waitFor(ProbeConfig.timeoutSeconds(), TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                output.add("[stopped after " + ProbeConfig.timeoutSeconds() + " s]");
            }
            exitCode = proc.isAlive() ? -1 : proc.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            throw new IOException("diagnostic run interrupted", e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        try {
            probeLog.record(tool, host, exitCode, millis, req.getRemoteAddr());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot record diagnostic run", e);
        }

        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        Page.begin(out, "Diagnostics");
        out.println("<h1>" + Html.encode(tool) + " " + Html.encode(host) + "</h1>");
        out.println("<p class=\"meta\">exit code " + exitCode + " &middot; " + millis + " ms</p>");
        out.println("<pre class=\"output\">");
        for (String line : output) {
            out.println(Html.encode(line));
        }
        out.println("</pre>");
        out.println("<p><a href=\"diagnostics\">Run another check</a></p>");
        Page.end(out);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        Page.begin(out, "Diagnostics");
        out.println("<h1>Network diagnostics</h1>");
        out.println("<form method=\"post\" action=\"diagnostics\">");
        out.println("<select name=\"tool\"><option>ping</option><option>traceroute</option>"
                + "<option>dig</option><option>whois</option></select>");
        out.println("<input name=\"host\" placeholder=\"example.com or 192.0.2.10\" required>");
        out.println("<input name=\"count\" type=\"number\" min=\"1\" max=\"" + ProbeConfig.MAX_PING_COUNT
                + "\" value=\"" + ProbeConfig.DEFAULT_PING_COUNT + "\" title=\"ping only\">");
        out.print("<select name=\"type\" title=\"dig only\">");
        for (String type : ProbeConfig.DNS_RECORD_TYPES) {
            out.print("<option>" + type + "</option>");
        }
        out.println("</select> <button>Run</button></form>");
        Page.end(out);
    }
}
