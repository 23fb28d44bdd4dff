package com.netprobe.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** History of diagnostic runs, kept for abuse investigations. */
public class ProbeLog {

    /** One recorded run. */
    public static final class Entry {
        public final Instant at;
        public final String tool;
        public final String target;
        public final int exitCode;
        public final long millis;
        public final String client;

        Entry(Instant at, String tool, String target, int exitCode, long millis, String client) {
            this.at = at;
            this.tool = tool;
            this.target = target;
            this.exitCode = exitCode;
            this.millis = millis;
            this.client = client;
        }
    }

    public void record(String tool, String target, int exitCode, long millis, String client) throws SQLException {
        try (Connection conn = connect();
             PreparedStatement ps = conn.prepareStatement(
                     "INSERT INTO probe_runs (run_at, tool, target, exit_code, millis, client) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, tool);
            ps.setString(3, target);
            ps.setInt(4, exitCode);
            ps.setLong(5, millis);
            ps.setString(6, client);
            ps.executeUpdate();
        }
    }

    public List<Entry> latest(int cap) throws SQLException {
        List<Entry> vals = new ArrayList<>();
        try (Connection conn = connect();
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT run_at, tool, target, exit_code, millis, client FROM probe_runs ORDER BY run_at DESC LIMIT ?")) {
            ps.setInt(1, cap);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    vals.add(new Entry(rs.getTimestamp("run_at").toInstant(), rs.getString("tool"),
                            rs.getString("target"), rs.getInt("exit_code"), rs.getLong("millis"),
                            rs.getString("client")));
                }
            }
        }
        return vals;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getenv().getOrDefault("NETPROBE_DB_URL", "jdbc:postgresql://localhost/netprobe"),
                System.getenv().getOrDefault("NETPROBE_DB_USER", "netprobe"),
                System.getenv().getOrDefault("NETPROBE_DB_PASSWORD", ""));
    }
}
