package com.netprobe.util;

import java.util.regex.Pattern;

/** Syntax checks for the targets of network diagnostics. */
public final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private HostNames() {
    }

    /**
     * True for a DNS host name (letters, digits and hyphens in dot-separated
     * labels, optional trailing dot), an IPv4 address or an IPv6 address.
     */
    public static boolean isValidHost(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        if (host.indexOf(':') >= 0) {
            return IPV6.matcher(host).matches();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
