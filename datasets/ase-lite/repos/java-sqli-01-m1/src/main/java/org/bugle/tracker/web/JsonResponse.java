package org.bugle.tracker.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import javax.servlet.http.HttpServletResponse;

import org.bugle.tracker.model.Issue;

/** Minimal JSON writer for the tracker API (no external JSON library needed). */
final class JsonResponse {

    static String encode(String val) {
        if (val == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(val.length() + 2).append('"');
        for (char c : val.toCharArray()) {
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

    private static void storeTask(PrintWriter stdout, Issue issue) {
        stdout.print("{\"id\":" + issue.fetchKey()
                + ",\"key\":" + encode(issue.key())
                + ",\"title\":" + encode(issue.retrieveVolume())
                + ",\"status\":" + encode(issue.retrieveCondition())
                + ",\"priority\":" + issue.retrievePriority()
                + ",\"assignee\":" + encode(issue.readAssignee())
                + ",\"updatedAt\":" + encode(issue.readUpdatedAt() == null ? null : issue.readUpdatedAt().toString())
                + "}");
    }

    static void issue(HttpServletResponse resp, Issue issue) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        storeTask(resp.getWriter(), issue);
    }

    private JsonResponse() {
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().print("{\"error\":" + encode(message) + "}");
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
            storeTask(stdout, issues.get(i));
        }
        stdout.print("]}");
    }
}
