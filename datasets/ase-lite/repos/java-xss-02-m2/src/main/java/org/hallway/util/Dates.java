package org.hallway.util;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Date formatting used on event pages. */
public final class Dates {

    private static final DateTimeFormatter LONG =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Dates() {
    }

    /** "Thursday 6 June 2024, 18:30". */
    public static String longFormat(LocalDateTime when) {
        return LONG.format(when);
    }

    /** "21:00". */
    public static String timeOnly(LocalDateTime when) {
        return TIME.format(when);
    }

    /** "5 minutes ago", "3 hours ago", "2 days ago". */
    public static String relative(Instant then) {
        Duration age = Duration.between(then, Instant.now());
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return plural(age.toMinutes(), "minute") + " ago";
        }
        if (age.toDays() < 1) {
            return plural(age.toHours(), "hour") + " ago";
        }
        return plural(age.toDays(), "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
