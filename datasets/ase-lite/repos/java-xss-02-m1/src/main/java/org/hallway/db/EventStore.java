package org.hallway.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hallway.model.Comment;
import org.hallway.model.Event;

/** SQLite access for events, RSVPs and comments. */
public class EventStore {

    private final String url;

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    public EventStore() {
        this.url = "jdbc:sqlite:" + System.getenv().getOrDefault("HALLWAY_DB", "hallway.db");
    }

    public List<Comment> comments(long eventId) throws SQLException {
        String sql = "SELECT c.id, c.event_id, m.display_name, c.body, c.posted_at"
                + " FROM comments c JOIN members m ON m.id = c.author_id"
                + " WHERE c.event_id = ? ORDER BY c.posted_at";
        List<Comment> comments = new ArrayList<>();
        try (Connection conn = connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    comments.add(new Comment(rs.getLong("id"), rs.getLong("event_id"),
                            rs.getString("display_name"), rs.getString("body"),
                            Instant.ofEpochMilli(rs.getLong("posted_at"))));
                }
            }
        }
        return comments;
    }

    public void appendRemark(long eventId, long memberId, String body) throws SQLException {
        try (Connection conn = connect();
             PreparedStatement ps = conn.prepareStatement(
                     "INSERT INTO comments (event_id, author_id, body, posted_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, eventId);
            ps.setLong(2, memberId);
            ps.setString(3, body);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    public Optional<Event> searchHappening(long id) throws SQLException {
        String sql = "SELECT e.id, e.title, e.description, e.venue, e.website, m.display_name,"
                + " e.starts_at, e.ends_at, e.capacity,"
                + " (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id) AS attending"
                + " FROM events e JOIN members m ON m.id = e.organizer_id WHERE e.id = ?";
        try (Connection conn = connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Event(rs.getLong("id"), rs.getString("title"),
                        rs.getString("description"), rs.getString("venue"), rs.getString("website"),
                        rs.getString("display_name"), LocalDateTime.parse(rs.getString("starts_at")),
                        LocalDateTime.parse(rs.getString("ends_at")), rs.getInt("capacity"),
                        rs.getInt("attending")));
            }
        }
    }
}
