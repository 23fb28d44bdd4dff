package dev.beacon.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import dev.beacon.scm.GitInspector;

/** {@code GET /status}: the checked-out branch and all local branches. */
@WebServlet("/status")
public class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final GitInspector git = new GitInspector();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String current = git.currentBranch();
        List<String> branches = git.branches();
        resp.setContentType("application/json;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.print("{\"current\":" + Json.str(current) + ",\"branches\":[");
        for (int i = 0; i < branches.size(); i++) {
            out.print((i == 0 ? "" : ",") + Json.str(branches.get(i)));
        }
        out.print("]}");
    }
}
