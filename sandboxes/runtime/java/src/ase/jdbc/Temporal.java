package ase.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads the values SQLite holds for DATE / TIMESTAMP columns: ISO text or epoch milliseconds. */
final class Temporal {

    private Temporal() {
    }

    static LocalDateTime parse(Object raw) {
        if (raw instanceof Number) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) raw).longValue()), ZoneId.systemDefault());
        }
        String text = raw.toString().trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            if (text.length() <= 8 && text.contains(":")) {
                return LocalTime.parse(text).atDate(LocalDate.of(1970, 1, 1));
            }
            String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return LocalDateTime.ofInstant(OffsetDateTime.parse(iso).toInstant(), ZoneId.systemDefault());
            }
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Object as(LocalDateTime when, Class<?> type) {
        if (type == LocalDateTime.class) {
            return when;
        }
        if (type == LocalDate.class) {
            return when.toLocalDate();
        }
        if (type == LocalTime.class) {
            return when.toLocalTime();
        }
        if (type == Instant.class) {
            return when.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (type == OffsetDateTime.class) {
            return when.atZone(ZoneId.systemDefault()).toOffsetDateTime();
        }
        if (type == Timestamp.class) {
            return Timestamp.valueOf(when);
        }
        if (type == java.sql.Date.class) {
            return java.sql.Date.valueOf(when.toLocalDate());
        }
        return null;
    }
}
