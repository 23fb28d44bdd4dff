package org.hallway.model;

import java.time.Instant;

/** A member's comment on an event. */
public final class Comment {

    private final long id;
    private final long eventId;
    private final String authorName;
    private final String body;
    private final Instant postedAt;

    public Comment(long id, long eventId, String authorName, String body, Instant postedAt) {
        this.id = id;
        this.eventId = eventId;
        this.authorName = authorName;
        this.body = body;
        this.postedAt = postedAt;
    }

    public long getId() { return id; }
    public long getEventId() { return eventId; }
    public String getAuthorName() { return authorName; }
    public String getBody() { return body; }
    public Instant getPostedAt() { return postedAt; }
}
