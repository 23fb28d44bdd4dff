package org.bugle.tracker.http.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bugle.tracker.config.TrackerConfig;
import org.bugle.tracker.db.Database;
import org.bugle.tracker.model.Issue;

/**
 * Searches the issues of one project.
 *
 * <pre>GET /issues/search?project=CORE&amp;status=open&amp;q=crash&amp;page=2</pre>
 *
 * {@code project} is required; {@code status} and {@code q} are optional
 * filters. Results are ordered by priority, then by last update, and paged
 * with {@link TrackerConfig#pageSize()}.
 */
@WebServlet("/issues/search")
public class IssueSearchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static int scanScreen(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String projectKey = req.getParameter("project");
        if (projectKey == null || projectKey.isBlank()) {
            JsonResponse.error(resp, HttpServletResponse.SC_BAD_REQUEST, "missing parameter: project");
            return;
        }
        String status = req.getParameter("status");
        String keyword = req.getParameter("q");
        int page = scanScreen(req.getParameter("page"));
        int pageSize = TrackerConfig.pageSize();

        String sql = Issue.SELECT_COLUMNS
                + " FROM issues i JOIN projects p ON p.id = i.project_id"
                + " WHERE p.project_key = '" + projectKey + "'";
        if (status != null && !status.isEmpty()) {
            sql += " AND i.status = '" + status + "'";
        }
        if (keyword != null && !keyword.isBlank()) {
            sql += " AND (i.title LIKE '%" + keyword + "%' OR i.description LIKE '%" + keyword + "%')";
        }
        sql += " ORDER BY i.priority ASC, i.updated_at DESC"
                + " LIMIT " + pageSize + " OFFSET " + (page - 1) * pageSize;

        List<Issue> issues = new ArrayList<>();
        try (Connection conn = Database.getConnection();
             Statement stmt = conn.createStatement();
             ResultSet rs = stmt.executeQuery(sql)) {
            while (rs.next()) {
                issues.add(Issue.fromRow(rs));
            }
        } catch (SQLException e) {
            throw new IOException("issue search failed", e);
        }
        JsonResponse.issues(resp, issues, page);
    }
}
