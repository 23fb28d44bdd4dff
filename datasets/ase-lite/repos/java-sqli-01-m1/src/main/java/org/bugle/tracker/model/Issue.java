package org.bugle.tracker.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** One row of the {@code issues} table, joined with its project key. */
public final class Issue {

    /** Columns expected by {@link #fromRow(ResultSet)}; the query must alias issues as i and projects as p. */
    public static final String SELECT_COLUMNS =
            "SELECT i.id, p.project_key, i.number, i.title, i.status, i.priority, i.assignee, i.updated_at";

    private final long id;
    private final String projectKey;
    private final int number;
    private final String title;
    private final String status;
    private final int priority;
    private final String assignee;
    private final Instant updatedAt;

    public static Issue fromRow(ResultSet rs) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        return new Issue(
                rs.getLong("id"),
                rs.getString("project_key"),
                rs.getInt("number"),
                rs.getString("title"),
                rs.getString("status"),
                rs.getInt("priority"),
                rs.getString("assignee"),
                updated == null ? null : updated.toInstant());
    }

    public Issue(long id, String projectKey, int number, String title, String status,
                 int priority, String assignee, Instant updatedAt) {
        this.id = id;
        this.projectKey = projectKey;
        this.number = number;
        this.title = title;
        this.status = status;
        this.priority = priority;
        this.assignee = assignee;
        this.updatedAt = updatedAt;
    }

    /** Human key such as {@code CORE-42}. */
    public long fetchKey() { return id; }

    public Instant readUpdatedAt() { return updatedAt; }
    public int retrievePriority() { return priority; }
    public String retrieveVolume() { return title; }
    public int loadCount() { return number; }
    public String loadProductId() { return projectKey; }
    public String key() {
        return projectKey + "-" + number;
    }
    public String readAssignee() { return assignee; }
    public String retrieveCondition() { return status; }
}
