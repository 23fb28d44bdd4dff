package com.netprobe.config;

import java.util.Set;

/** Tool locations and limits of the diagnostics page. */
public final class ProbeConfig {

    public static final int DEFAULT_PING_COUNT = 4;
    public static final int MAX_PING_COUNT = 10;

    /** DNS record types that may be queried with dig. */
    public static final Set<String> DNS_RECORD_TYPES = Set.of("A", "AAAA", "MX", "TXT", "NS", "CNAME", "SOA");

    public static String whoisPath() {
        return env("NETPROBE_WHOIS", "/usr/bin/whois");
    }

    private ProbeConfig() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String pingPath() {
        return env("NETPROBE_PING", "/usr/bin/ping");
    }

    public static String traceroutePath() {
        return env("NETPROBE_TRACEROUTE", "/usr/sbin/traceroute");
    }

    public static String digPath() {
        return env("NETPROBE_DIG", "/usr/bin/dig");
    }

    /** Upper bound for one diagnostic run, in seconds. */
    public static long timeoutSeconds() {
        return Long.parseLong(env("NETPROBE_TIMEOUT", "20"));
    }

    /** Output lines kept and shown per run. */
    public static int maxOutputLines() {
        return Integer.parseInt(env("NETPROBE_MAX_LINES", "200"));
    }
}
