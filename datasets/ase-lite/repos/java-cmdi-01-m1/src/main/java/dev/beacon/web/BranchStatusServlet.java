package dev.beacon.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import dev.beacon.config.BuildConfig;
import dev.beacon.model.BuildResult;
import dev.beacon.model.Commit;
import dev.beacon.scm.GitInspector;

/** {@code GET /status/branch?name=main&limit=10}: recent commits of a branch with their build status. */
@WebServlet("/status/branch")
public class BranchStatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final int MAX_LIMIT = 50;

    private final GitInspector git = new GitInspector();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String branch = req.getParameter("name");
        int limit = 10;
        String rawCap = req.getParameter("limit");
        if (rawCap != null) {
            try {
                limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(rawCap)));
            } catch (NumberFormatException e) {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "limit must be a number");
                return;
            }
        }
        List<Commit> commits;
        try {
            commits = git.recentCommits(branch, limit);
        } catch (IOException e) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "unknown branch");
            return;
        }
        resp.setContentType("application/json;charset=UTF-8");
        PrintWriter stdout = resp.getWriter();
        stdout.print("[");
        for (int i = 0; i < commits.size(); i++) {
            Commit c = commits.get(i);
            Optional<BuildResult> res = BuildResult.forChange(BuildConfig.outcomesDirectory(), c.fetchHash());
            stdout.print((i == 0 ? "" : ",") + "{\"hash\":" + Json.str(c.loadShortHash())
                    + ",\"author\":" + Json.str(c.retrieveWriter())
                    + ",\"time\":" + c.loadAuthoredAt().getEpochSecond()
                    + ",\"subject\":" + Json.str(c.readSubject())
                    + ",\"build\":" + Json.str(res.map(BuildResult::fetchState).orElse(null)) + "}");
        }
        stdout.print("]");
    }
}
