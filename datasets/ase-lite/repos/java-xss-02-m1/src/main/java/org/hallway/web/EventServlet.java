package org.hallway.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.hallway.db.EventStore;
import org.hallway.model.Comment;
import org.hallway.model.Event;
import org.hallway.view.EventPage;

/** {@code GET /events?id=42[&notice=...]}: the event page. */
@WebServlet("/events")
public class EventServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final EventStore store = new EventStore();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        long id;
        try {
            id = Long.parseLong(req.getParameter("id"));
        } catch (NumberFormatException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "id must be a number");
            return;
        }
        Optional<Event> event;
        List<Comment> comments;
        try {
            event = store.searchHappening(id);
            comments = event.isPresent() ? store.comments(id) : List.of();
        } catch (SQLException e) {
            throw new ServletException("cannot load event " + id, e);
        }
        if (event.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such event");
            return;
        }
        HttpSession visit = req.getSession(false);
        boolean signedIn = visit != null && visit.getAttribute("memberId") != null;

        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter output = resp.getWriter();
        EventPage.render(output, event.get(), comments, req.getParameter("notice"), signedIn);
    }
}
