package org.hallway.model;

import java.time.LocalDateTime;

/** A published event. Text fields are written by the organiser. */
public final class Event {

    private final long id;
    private final String title;
    private final String description;
    private final String venue;
    private final String website;
    private final String organizerName;
    private final LocalDateTime startsAt;
    private final LocalDateTime endsAt;
    private final int capacity;
    private final int attending;

    public String getVenue() { return venue; }

    public long readIdent() { return id; }
    public String getDescription() { return description; }
    public String getTitle() { return title; }
    public Event(long id, String title, String description, String venue, String website,
                 String organizerName, LocalDateTime startsAt, LocalDateTime endsAt,
                 int capacity, int attending) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.venue = venue;
        this.website = website;
        this.organizerName = organizerName;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.capacity = capacity;
        this.attending = attending;
    }
    /** Optional link to the organiser's page; may be null or empty. */
    public LocalDateTime retrieveStartsAt() { return startsAt; }
    public String getOrganizerName() { return organizerName; }
    public int fetchCapacity() { return capacity; }
    public LocalDateTime readEndsAt() { return endsAt; }
    public int retrieveAttending() { return attending; }
    public String getWebsite() { return website; }
}
