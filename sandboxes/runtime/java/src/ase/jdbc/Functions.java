package ase.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.sqlite.Function;

/**
 * SQL functions of MySQL and PostgreSQL that SQLite lacks. Full-text search keeps the
 * document as text: {@code to_tsvector} and {@code plainto_tsquery} give lower-case stemmed
 * lexemes without stop words, and {@code ts_match(document, query)} is true when every query
 * lexeme is in the document.
 */
final class Functions {

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by",
            "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their",
            "then", "there", "these", "they", "this", "to", "was", "will", "with");

    private Functions() {
    }

    /** A function body over the arguments as text (null for SQL NULL). */
    private interface Body {
        Object apply(List<String> args) throws SQLException;
    }

    private static void define(Connection conn, String name, Body body) throws SQLException {
        Function.create(conn, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                List<String> args = new ArrayList<>(args());
                for (int i = 0; i < args(); i++) {
                    args.add(value_text(i));
                }
                Object value = body.apply(args);
                if (value == null) {
                    result();
                } else if (value instanceof Integer || value instanceof Long) {
                    result(((Number) value).longValue());
                } else if (value instanceof Double) {
                    result((Double) value);
                } else {
                    result(value.toString());
                }
            }
        });
    }

    static void register(Connection conn, Dialect dialect) throws SQLException {
        define(conn, "now", f -> LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        define(conn, "curdate", f -> LocalDate.now().toString());
        define(conn, "current_date", f -> LocalDate.now().toString());
        define(conn, "ase_interval", f -> shift(f.get(0), "-".equals(f.get(1)) ? -1 : 1, f.get(2), f.get(3)));
        if (dialect == Dialect.MYSQL) {
            define(conn, "date_add", f -> shift(f.get(0), 1, f.get(1), f.size() > 2 ? f.get(2) : "DAY"));
            define(conn, "adddate", f -> shift(f.get(0), 1, f.get(1), f.size() > 2 ? f.get(2) : "DAY"));
            define(conn, "date_sub", f -> shift(f.get(0), -1, f.get(1), f.size() > 2 ? f.get(2) : "DAY"));
            define(conn, "subdate", f -> shift(f.get(0), -1, f.get(1), f.size() > 2 ? f.get(2) : "DAY"));
            define(conn, "concat_ws", f -> {
                StringBuilder sb = new StringBuilder();
                if (f.isEmpty() || f.get(0) == null) {
                    return null;
                }
                for (String v : f.subList(1, f.size())) {
                    if (v != null) {
                        sb.append(sb.length() > 0 ? f.get(0) : "").append(v);
                    }
                }
                return sb.toString();
            });
            define(conn, "concat", f -> {
                StringBuilder sb = new StringBuilder();
                for (String v : f) {
                    if (v == null) {
                        return null;
                    }
                    sb.append(v);
                }
                return sb.toString();
            });
            define(conn, "version", f -> "8.0.36");
            define(conn, "database", f -> "app");
            define(conn, "ascii", f -> {
                String v = f.get(0);
                return v == null ? null : v.isEmpty() ? 0 : (int) v.charAt(0);
            });
        } else {
            define(conn, "version", f -> "PostgreSQL 15.6");
            define(conn, "to_tsvector", f -> String.join(" ", lexemes(f.get(f.size() - 1))));
            define(conn, "plainto_tsquery", f -> String.join(" & ", lexemes(f.get(f.size() - 1))));
            define(conn, "to_tsquery", f -> String.join(" & ", lexemes(f.get(f.size() - 1))));
            define(conn, "websearch_to_tsquery", f -> String.join(" & ", lexemes(f.get(f.size() - 1))));
            define(conn, "ts_match", f -> {
                List<String> document = lexemes(f.get(0));
                List<String> query = lexemes(f.get(1));
                return !query.isEmpty() && document.containsAll(query) ? 1 : 0;
            });
            define(conn, "ts_rank", f -> {
                List<String> document = lexemes(f.get(0));
                List<String> query = lexemes(f.get(1));
                long hits = document.stream().filter(query::contains).count();
                return document.isEmpty() ? 0.0 : (double) hits / document.size();
            });
        }
    }

    /**
     * {@code when} moved by {@code sign} times an interval: {@code amount} of {@code unit} (MySQL's
     * {@code INTERVAL 7 DAY}) or, with no unit, PostgreSQL's interval text ({@code '7 days'},
     * {@code '1 day 2 hours'}). A date stays a date; null when either side cannot be read.
     */
    static String shift(String when, int sign, String amount, String unit) {
        if (when == null || amount == null) {
            return null;
        }
        LocalDateTime at = Temporal.parse(when);
        if (at == null) {
            return null;
        }
        String[] parts = (unit == null ? amount : amount + " " + unit).trim().split("\\s+");
        try {
            for (int k = 0; k + 1 < parts.length; k += 2) {
                long n = sign * (long) Double.parseDouble(parts[k]);
                String u = parts[k + 1].toLowerCase(Locale.ROOT).replaceAll("s$", "");
                at = switch (u) {
                    case "microsecond" -> at.plusNanos(n * 1000);
                    case "second" -> at.plusSeconds(n);
                    case "minute" -> at.plusMinutes(n);
                    case "hour" -> at.plusHours(n);
                    case "day" -> at.plusDays(n);
                    case "week" -> at.plusWeeks(n);
                    case "month", "mon" -> at.plusMonths(n);
                    case "quarter" -> at.plusMonths(3 * n);
                    case "year" -> at.plusYears(n);
                    default -> throw new NumberFormatException(u);
                };
            }
        } catch (NumberFormatException e) {
            return null;
        }
        boolean dateOnly = when.trim().length() == 10 && (unit == null || unit.matches("(?i)day|week|month|quarter|year"));
        return dateOnly ? at.toLocalDate().toString() : at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    /** Lower-case words without stop words, crudely stemmed the same way on both sides. */
    static List<String> lexemes(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty() || STOP_WORDS.contains(word)) {
                continue;
            }
            words.add(stem(word));
        }
        return words;
    }

    private static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes")
                || word.endsWith("sses") || word.endsWith("oes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
