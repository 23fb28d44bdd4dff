package ase.servlet;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

/** HttpServletResponse buffered in memory and sent once the servlet returns. */
final class Response extends Handlers {

    int status = 200;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private String charset;
    private String contentType;
    private PrintWriter writer;
    private ServletOutputStream stream;
    private boolean committed;
    private Locale locale = Locale.getDefault();
    final HttpServletResponse proxy = as(HttpServletResponse.class);

    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return buffer.toByteArray();
    }

    void addSetCookie(String value) {
        headers.computeIfAbsent("Set-Cookie", k -> new ArrayList<>()).add(value);
    }

    /** An error page replacing whatever the servlet had written. */
    void fail(int code, String message) {
        resetBody();
        status = code;
        setContentType("text/html;charset=UTF-8");
        buffer.writeBytes(Dispatcher.errorPage(code, message).getBytes(StandardCharsets.UTF_8));
        committed = true;
    }

    private void resetBody() {
        if (writer != null) {
            writer.flush();
        }
        buffer.reset();
    }

    private void setContentType(String type) {
        if (type == null) {
            contentType = null;
            headers.remove("Content-Type");
            return;
        }
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            charset = type.substring(at + 8).replace("\"", "").trim();
            contentType = type.substring(0, at).replaceAll("[;\\s]+$", "");
        } else {
            contentType = type;
        }
        refreshContentType();
    }

    private void refreshContentType() {
        if (contentType == null) {
            return;
        }
        boolean textual = contentType.startsWith("text/") || charset != null;
        String value = textual ? contentType + ";charset=" + characterEncoding() : contentType;
        headers.put("Content-Type", new ArrayList<>(List.of(value)));
    }

    private String characterEncoding() {
        return charset == null ? "ISO-8859-1" : charset;
    }

    private void header(String name, String value, boolean add) {
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        if (value == null) {
            headers.remove(name);
            return;
        }
        if (add) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        } else {
            headers.put(name, new ArrayList<>(List.of(value)));
        }
    }

    private static String date(long millis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    private static String cookie(Cookie c) {
        StringBuilder sb = new StringBuilder(c.getName()).append('=').append(c.getValue() == null ? "" : c.getValue());
        if (c.getPath() != null) {
            sb.append("; Path=").append(c.getPath());
        }
        if (c.getDomain() != null) {
            sb.append("; Domain=").append(c.getDomain());
        }
        if (c.getMaxAge() >= 0) {
            sb.append("; Max-Age=").append(c.getMaxAge());
        }
        if (c.getSecure()) {
            sb.append("; Secure");
        }
        if (c.isHttpOnly()) {
            sb.append("; HttpOnly");
        }
        return sb.toString();
    }

    private ServletOutputStream outputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("no async I/O in the check adapter");
                }
            };
        }
        return stream;
    }

    private PrintWriter printWriter() {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        if (writer == null) {
            if (contentType != null && charset == null) {
                refreshContentType();
            }
            writer = new PrintWriter(new OutputStreamWriter(buffer, Charset.forName(characterEncoding())), false);
        }
        return writer;
    }

    @Override
    Object call(String name, Object[] a, Method method) throws Exception {
        switch (name) {
            case "setStatus": status = (Integer) a[0]; return null;
            case "getStatus": return status;
            case "sendError":
                fail((Integer) a[0], a.length > 1 ? (String) a[1] : "");
                return null;
            case "sendRedirect":
                resetBody();
                status = HttpServletResponse.SC_FOUND;
                header("Location", (String) a[0], false);
                committed = true;
                return null;
            case "setContentType": setContentType((String) a[0]); return null;
            case "getContentType": return headers.containsKey("Content-Type") ? headers.get("Content-Type").get(0) : null;
            case "setCharacterEncoding":
                if (writer == null) {
                    charset = (String) a[0];
                    refreshContentType();
                }
                return null;
            case "getCharacterEncoding": return characterEncoding();
            case "setHeader": header((String) a[0], (String) a[1], false); return null;
            case "addHeader": header((String) a[0], (String) a[1], true); return null;
            case "setIntHeader": header((String) a[0], String.valueOf(a[1]), false); return null;
            case "addIntHeader": header((String) a[0], String.valueOf(a[1]), true); return null;
            case "setDateHeader": header((String) a[0], date((Long) a[1]), false); return null;
            case "addDateHeader": header((String) a[0], date((Long) a[1]), true); return null;
            case "containsHeader": return headers.containsKey((String) a[0]);
            case "getHeader": {
                List<String> values = headers.get((String) a[0]);
                return values == null || values.isEmpty() ? null : values.get(0);
            }
            case "getHeaders": {
                Collection<String> values = headers.get((String) a[0]);
                return values == null ? List.of() : new ArrayList<>(values);
            }
            case "getHeaderNames": return new ArrayList<>(headers.keySet());
            case "setContentLength": case "setContentLengthLong": return null;
            case "getWriter": return printWriter();
            case "getOutputStream": return outputStream();
            case "flushBuffer":
                committed = true;
                if (writer != null) {
                    writer.flush();
                }
                return null;
            case "isCommitted": return committed;
            case "reset":
                resetBody();
                headers.clear();
                status = 200;
                return null;
            case "resetBuffer": resetBody(); return null;
            case "setBufferSize": return null;
            case "getBufferSize": return 8192;
            case "addCookie": addSetCookie(cookie((Cookie) a[0])); return null;
            case "encodeURL": case "encodeRedirectURL": case "encodeUrl": case "encodeRedirectUrl": return a[0];
            case "setLocale": locale = (Locale) a[0]; return null;
            case "getLocale": return locale;
            default: return UNHANDLED;
        }
    }
}
