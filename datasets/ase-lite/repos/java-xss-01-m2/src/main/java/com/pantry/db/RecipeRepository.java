package com.pantry.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pantry.model.Recipe;

/** Queries over the recipes table. */
public class RecipeRepository {

    private static final String COLUMNS =
            "SELECT r.id, r.slug, r.title, r.cuisine, r.minutes, m.display_name"
            + " FROM recipes r JOIN members m ON m.id = r.author_id";

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getenv().getOrDefault("PANTRY_DB_URL", "jdbc:postgresql://localhost/pantry"),
                System.getenv().getOrDefault("PANTRY_DB_USER", "pantry"),
                System.getenv().getOrDefault("PANTRY_DB_PASSWORD", ""));
    }

    /**
     * Recipes whose title or instructions match the words of {@code text}
     * (PostgreSQL full-text search), optionally restricted to one cuisine.
     */
    public List<Recipe> search(String text, String cuisine, int limit) throws SQLException {
        String sql = COLUMNS
                + " WHERE r.search_vector @@ plainto_tsquery('english', ?)"
                + " AND (? IS NULL OR r.cuisine = ?)"
                + " ORDER BY ts_rank(r.search_vector, plainto_tsquery('english', ?)) DESC LIMIT ?";
        String filter = cuisine == null || cuisine.isEmpty() ? null : cuisine;
        try (Connection conn = connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, text == null ? "" : text);
            ps.setString(2, filter);
            ps.setString(3, filter);
            ps.setString(4, text == null ? "" : text);
            ps.setInt(5, limit);
            return readAll(ps);
        }
    }

    /** Cuisine name to number of recipes, most common first. */
    public Map<String, Integer> cuisineCounts() throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection conn = connect();
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT cuisine, COUNT(*) AS n FROM recipes GROUP BY cuisine ORDER BY n DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString("cuisine"), rs.getInt("n"));
            }
        }
        return counts;
    }

    private static List<Recipe> readAll(PreparedStatement ps) throws SQLException {
        List<Recipe> recipes = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                recipes.add(new Recipe(rs.getLong("id"), rs.getString("slug"), rs.getString("title"),
                        rs.getString("cuisine"), rs.getInt("minutes"), rs.getString("display_name")));
            }
        }
        return recipes;
    }
}
