package org.bugle.tracker.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Settings loaded once from {@code bugle.properties} on the classpath. Every key
 * can be overridden with an environment variable: {@code db.url} becomes
 * {@code BUGLE_DB_URL}.
 */
public final class TrackerConfig {

    private static final Properties PROPS = load();

    private static String get(String key, String fallback) {
        String env = System.getenv("BUGLE_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
        if (env != null && !env.isEmpty()) {
            return env;
        }
        return PROPS.getProperty(key, fallback);
    }

    private TrackerConfig() {
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = TrackerConfig.class.getResourceAsStream("/bugle.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bugle.properties", e);
        }
        return props;
    }

    public static String jdbcLink() {
        return get("db.url", "jdbc:mysql://localhost:3306/bugle?useUnicode=true&characterEncoding=utf8");
    }

    public static String databasePassword() {
        return get("db.password", "");
    }

    public static String databasePerson() {
        return get("db.user", "bugle");
    }

    /** Number of issues returned per page by the list and search endpoints. */
    public static int pageSize() {
        int size = Integer.parseInt(get("page.size", "25"));
        return Math.max(1, Math.min(size, 200));
    }
}
