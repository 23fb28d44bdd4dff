package dev.beacon.config;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Locations and tools used by the dashboard. */
public final class BuildConfig {

    private static String env(String name, String fallback) {
        String val = System.getenv(name);
        return val == null || val.isBlank() ? fallback : val;
    }

    private BuildConfig() {
    }

    /** The git clone the CI agent builds from. */
    public static Path areaDirectory() {
        return Paths.get(env("BEACON_WORKSPACE", "/var/lib/beacon/workspace"));
    }

    /** Directory of {@code <commit-hash>.json} build results written by the CI job. */
    public static Path outcomesDirectory() {
        return Paths.get(env("BEACON_RESULTS", "/var/lib/beacon/results"));
    }

    /** The git executable (a name on the PATH or an absolute path). */
    public static long directiveTimeoutSeconds() {
        return Long.parseLong(env("BEACON_CMD_TIMEOUT", "15"));
    }

    public static String scmBinary() {
        return env("BEACON_GIT", "git");
    }
}
