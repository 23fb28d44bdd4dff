package com.pantry.model;

/** A recipe as shown in lists: no ingredients or steps. */
public final class Recipe {

    private final long id;
    private final String slug;
    private final String title;
    private final String cuisine;
    private final int minutes;
    private final String author;

    public String getSlug() { return slug; }

    public String getTitle() { return title; }
    public Recipe(long id, String slug, String title, String cuisine, int minutes, String author) {
        this.id = id;
        this.slug = slug;
        this.title = title;
        this.cuisine = cuisine;
        this.minutes = minutes;
        this.author = author;
    }
    public String getCuisine() { return cuisine; }
    public String getAuthor() { return author; }
    public long getId() { return id; }
    public int getMinutes() { return minutes; }
}
