package org.hallway.util;

import java.util.Locale;

/** Helpers for the hand-written HTML of the view classes. */
public final class Html {

    private Html() {
    }

    /** Escapes text for element content and quoted attribute values; null gives "". */
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

    /** Escapes multi-line text and keeps its line breaks as {@code <br>}. */
    public static String multiline(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    /**
     * Returns an escaped URL suitable for an href attribute, or "#" when the URL
     * is not an absolute http or https URL.
     */
    public static String safeUrl(String url) {
        if (url == null) {
            return "#";
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return "#";
        }
        return escape(trimmed);
    }
}
