package org.hallway.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.hallway.db.EventStore;

/** {@code POST /events/comment}: stores a comment and goes back to the event page. */
@WebServlet("/events/comment")
public class CommentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final int MAX_LENGTH = 4000;

    private final EventStore store = new EventStore();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        HttpSession visit = req.getSession(false);
        Long memberId = visit == null ? null : (Long) visit.getAttribute("memberId");
        if (memberId == null) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "sign in to comment");
            return;
        }
        long eventId;
        try {
            eventId = Long.parseLong(req.getParameter("eventId"));
        } catch (NumberFormatException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "eventId must be a number");
            return;
        }
        String body = req.getParameter("body");
        if (body == null || body.isBlank() || body.length() > MAX_LENGTH) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "a comment needs 1 to " + MAX_LENGTH + " characters");
            return;
        }
        try {
            store.appendRemark(eventId, memberId, body.strip());
        } catch (SQLException e) {
            throw new ServletException("cannot save comment", e);
        }
        resp.sendRedirect(req.getContextPath() + "/events?id=" + eventId + "&notice="
                + URLEncoder.encode("Your comment was posted.", StandardCharsets.UTF_8) + "#comments");
    }
}
