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

    public long getId() { return id; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public String getVenue() { return venue; }
    /** Optional link to the organiser's page; may be null or empty. */
    public String getWebsite() { return website; }
    public String getOrganizerName() { return organizerName; }
    public LocalDateTime getStartsAt() { return startsAt; }
    public LocalDateTime getEndsAt() { return endsAt; }
    public int getCapacity() { return capacity; }
    public int getAttending() { return attending; }
}
