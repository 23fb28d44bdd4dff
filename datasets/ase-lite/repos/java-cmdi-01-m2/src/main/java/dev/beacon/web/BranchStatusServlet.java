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
        String rawLimit = req.getParameter("limit");
        if (rawLimit != null) {
            try {
                limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(rawLimit)));
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
        PrintWriter out = resp.getWriter();
        out.print("[");
        for (int i = 0; i < commits.size(); i++) {
            Commit c = commits.get(i);
            Optional<BuildResult> result = BuildResult.forCommit(BuildConfig.resultsDir(), c.getHash());
            out.print((i == 0 ? "" : ",") + "{\"hash\":" + Json.str(c.getShortHash())
                    + ",\"author\":" + Json.str(c.getAuthor())
                    + ",\"time\":" + c.getAuthoredAt().getEpochSecond()
                    + ",\"subject\":" + Json.str(c.getSubject())
                    + ",\"build\":" + Json.str(result.map(BuildResult::getStatus).orElse(null)) + "}");
        }
        out.print("]");
    }
}
