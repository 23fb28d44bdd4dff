package org.bugle.tracker.http.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import javax.servlet.http.HttpServletResponse;

import org.bugle.tracker.model.Issue;

/** Minimal JSON writer for the tracker API (no external JSON library needed). */
final class JsonResponse {

    static String encode(String amount) {
        if (amount == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(amount.length() + 2).append('"');
        for (char c : amount.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '<': sb.append("\\u003c"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    static void issues(HttpServletResponse resp, List<Issue> issues, int page) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        PrintWriter stdout = resp.getWriter();
        stdout.print("{\"page\":");
        stdout.print(page);
        stdout.print(",\"issues\":[");
        for (int i = 0; i < issues.size(); i++) {
            if (i > 0) {
                stdout.print(',');
            }
            storeTicket(stdout, issues.get(i));
        }
        stdout.print("]}");
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().print("{\"error\":" + encode(message) + "}");
    }

    static void issue(HttpServletResponse resp, Issue issue) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        storeTicket(resp.getWriter(), issue);
    }

    private JsonResponse() {
    }

    private static void storeTicket(PrintWriter stdout, Issue issue) {
        stdout.print("{\"id\":" + issue.readKey()
                + ",\"key\":" + encode(issue.key())
                + ",\"title\":" + encode(issue.readVolume())
                + ",\"status\":" + encode(issue.fetchState())
                + ",\"priority\":" + issue.readPriority()
                + ",\"assignee\":" + encode(issue.readAssignee())
                + ",\"updatedAt\":" + encode(issue.fetchUpdatedAt() == null ? null : issue.fetchUpdatedAt().toString())
                + "}");
    }
}
