package com.pantry.util;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small helpers for servlets that write HTML by hand. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for use in HTML element content and in quoted attribute
     * values. {@code null} becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Encodes a value for use as one component of a URL query string. */
    public static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
