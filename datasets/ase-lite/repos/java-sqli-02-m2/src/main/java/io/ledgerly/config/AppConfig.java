package io.ledgerly.config;

/** Settings from the environment, with defaults suitable for local development. */
public final class AppConfig {

    public static String dbPassword() {
        return env("LEDGERLY_DB_PASSWORD", "");
    }

    public static String jdbcUrl() {
        return env("LEDGERLY_DB_URL", "jdbc:mysql://localhost:3306/ledgerly");
    }

    public static String dbUser() {
        return env("LEDGERLY_DB_USER", "ledgerly");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private AppConfig() {
    }

    public static int poolSize() {
        return Integer.parseInt(env("LEDGERLY_POOL_SIZE", "8"));
    }

    /** Upper bound for the number of rows any list endpoint returns. */
    public static int maxResults() {
        return Integer.parseInt(env("LEDGERLY_MAX_RESULTS", "500"));
    }
}
