package io.ledgerly.config;

/** Settings from the environment, with defaults suitable for local development. */
public final class AppConfig {

    private AppConfig() {
    }

    private static String env(String name, String fallback) {
        String val = System.getenv(name);
        return val == null || val.isBlank() ? fallback : val;
    }

    public static String jdbcLink() {
        return env("LEDGERLY_DB_URL", "jdbc:mysql://localhost:3306/ledgerly");
    }

    public static String databasePerson() {
        return env("LEDGERLY_DB_USER", "ledgerly");
    }

    public static String storePassword() {
        return env("LEDGERLY_DB_PASSWORD", "");
    }

    public static int poolWidth() {
        return Integer.parseInt(env("LEDGERLY_POOL_SIZE", "8"));
    }

    /** Upper bound for the number of rows any list endpoint returns. */
    public static int maxResults() {
        return Integer.parseInt(env("LEDGERLY_MAX_RESULTS", "500"));
    }
}
