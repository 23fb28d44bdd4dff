package org.bugle.tracker.http.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bugle.tracker.db.Database;
import org.bugle.tracker.model.Issue;

/** {@code GET /issues/detail?id=123}: one issue as JSON. */
@WebServlet("/issues/detail")
public class IssueDetailServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String SQL = Issue.SELECT_COLUMNS
            + " FROM issues i JOIN projects p ON p.id = i.project_id WHERE i.id = ?";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long id;
        try {
            id = Long.parseLong(req.getParameter("id"));
        } catch (NumberFormatException e) {
            JsonResponse.error(resp, HttpServletResponse.SC_BAD_REQUEST, "id must be a number");
            return;
        }
        try (Connection conn = Database.getConnection();
             PreparedStatement ps = conn.prepareStatement(SQL)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    JsonResponse.error(resp, HttpServletResponse.SC_NOT_FOUND, "no such issue");
                    return;
                }
                JsonResponse.issue(resp, Issue.fromRow(rs));
            }
        } catch (SQLException e) {
            throw new IOException("cannot load issue " + id, e);
        }
    }
}
