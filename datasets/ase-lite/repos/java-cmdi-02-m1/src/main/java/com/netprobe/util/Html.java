package com.netprobe.util;

/** HTML text escaping for hand-written pages. */
public final class Html {

    private Html() {
    }

    public static String encode(String content) {
        if (content == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(content.length() + 16);
        for (char c : content.toCharArray()) {
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
}
