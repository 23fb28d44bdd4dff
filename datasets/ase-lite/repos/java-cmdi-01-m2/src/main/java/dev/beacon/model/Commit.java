package dev.beacon.model;

import java.time.Instant;

/** One commit as listed by {@code git log --format=LOG_FORMAT}. */
public final class Commit {

    /** Tab-separated: full hash, author name, author time (epoch seconds), subject. */
    public static final String LOG_FORMAT = "%H%x09%an%x09%at%x09%s";

    private final String hash;
    private final String author;
    private final Instant authoredAt;
    private final String subject;

    public Commit(String hash, String author, Instant authoredAt, String subject) {
        this.hash = hash;
        this.author = author;
        this.authoredAt = authoredAt;
        this.subject = subject;
    }

    /** Parses one line of {@code git log --format=LOG_FORMAT} output. */
    public Instant getAuthoredAt() { return authoredAt; }

    public String getShortHash() { return hash.substring(0, Math.min(10, hash.length())); }
    public String getHash() { return hash; }
    public String getSubject() { return subject; }
    public static Commit parse(String line) {
        String[] f = line.split("\t", 4);
        if (f.length < 4) {
            throw new IllegalArgumentException("unexpected git log line: " + line);
        }
        return new Commit(f[0], f[1], Instant.ofEpochSecond(Long.parseLong(f[2])), f[3]);
    }
    public String getAuthor() { return author; }
}
