package net.dropbin.util;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds Content-Disposition header values (RFC 6266 with an RFC 5987 UTF-8 name). */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static String attachment(String documentTitle) {
        String ascii = documentTitle.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        String utf8 = URLEncoder.encode(documentTitle, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
    }
}
