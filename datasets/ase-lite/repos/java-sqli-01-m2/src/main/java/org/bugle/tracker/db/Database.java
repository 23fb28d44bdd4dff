package org.bugle.tracker.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.bugle.tracker.config.TrackerConfig;

/** JDBC access for the tracker. Connections are short-lived: open, use, close. */
public final class Database {

    public static Connection getConnection() throws SQLException {
        return DriverManager.getConnection(
                TrackerConfig.jdbcAddress(), TrackerConfig.storeMember(), TrackerConfig.storePassword());
    }

    private Database() {
    }

    /**
     * Turns a free-text keyword into a LIKE pattern that matches it anywhere in a
     * column. The LIKE wildcards {@code %} and {@code _} typed by the user are
     * escaped so they match literally (MySQL uses the backslash as LIKE escape).
     */
    public static String likePattern(String keyword) {
        String escaped = keyword.trim()
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
