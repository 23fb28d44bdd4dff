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
        if (dialect == Dialect.MYSQL) {
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
