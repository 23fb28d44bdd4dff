package org.bugle.tracker.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import javax.servlet.http.HttpServletResponse;

import org.bugle.tracker.model.Issue;

/** Minimal JSON writer for the tracker API (no external JSON library needed). */
final class JsonResponse {

    private JsonResponse() {
    }

    static void issues(HttpServletResponse resp, List<Issue> issues, int page) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.print("{\"page\":");
        out.print(page);
        out.print(",\"issues\":[");
        for (int i = 0; i < issues.size(); i++) {
            if (i > 0) {
                out.print(',');
            }
            writeIssue(out, issues.get(i));
        }
        out.print("]}");
    }

    static void issue(HttpServletResponse resp, Issue issue) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        writeIssue(resp.getWriter(), issue);
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().print("{\"error\":" + quote(message) + "}");
    }

    private static void writeIssue(PrintWriter out, Issue issue) {
        out.print("{\"id\":" + issue.getId()
                + ",\"key\":" + quote(issue.key())
                + ",\"title\":" + quote(issue.getTitle())
                + ",\"status\":" + quote(issue.getStatus())
                + ",\"priority\":" + issue.getPriority()
                + ",\"assignee\":" + quote(issue.getAssignee())
                + ",\"updatedAt\":" + quote(issue.getUpdatedAt() == null ? null : issue.getUpdatedAt().toString())
                + "}");
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
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
}
