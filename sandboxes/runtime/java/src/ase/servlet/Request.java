package ase.servlet;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import com.sun.net.httpserver.HttpExchange;

/** HttpServletRequest over one exchange whose body is already read. */
final class Request extends Handlers {

    private final HttpExchange exchange;
    private final byte[] body;
    private final Context context;
    private final Response response;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> parameters = new LinkedHashMap<>();
    private String servletPath = "";
    private String pathInfo;
    private String encoding;
    private boolean parsed;
    private boolean bodyUsed;
    private Context.Session session;
    private final String requestedSessionId;
    final HttpServletRequest proxy = as(HttpServletRequest.class);

    Request(HttpExchange exchange, byte[] body, Context context, Response response) {
        this.exchange = exchange;
        this.body = body;
        this.context = context;
        this.response = response;
        this.requestedSessionId = cookie("JSESSIONID");
        this.session = context.session(requestedSessionId);
    }

    void route(String servletPath, String pathInfo) {
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
    }

    /** Percent-decodes a URL path as UTF-8, keeping an encoded slash encoded (as Tomcat does). */
    static String decodePath(String raw) {
        return decode(raw.replace("%2F", "%252F").replace("%2f", "%252f"), false, StandardCharsets.UTF_8);
    }

    /** Removes "." and ".." segments; null when ".." would climb above the root. */
    static String normalise(String path) {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals(".") || (part.isEmpty() && i > 0 && i < parts.length - 1)) {
                continue;
            }
            if (part.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
                continue;
            }
            if (!part.isEmpty()) {
                segments.addLast(part);
            }
        }
        String joined = "/" + String.join("/", segments);
        return path.endsWith("/") && !joined.equals("/") ? joined + "/" : joined;
    }

    /** Lenient percent-decoding: a malformed escape stays as typed. */
    static String decode(String raw, boolean plusIsSpace, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '+' && plusIsSpace) {
                out.write(' ');
            } else if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(charset);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private void parseParameters() {
        if (parsed) {
            return;
        }
        parsed = true;
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        addParameters(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        String type = header("Content-Type");
        if (!bodyUsed && type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            addParameters(new String(body, StandardCharsets.ISO_8859_1), charset);
        }
    }

    private void addParameters(String raw, Charset charset) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true, charset);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true, charset);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    private String cookie(String name) {
        for (Cookie c : cookies()) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    private List<Cookie> cookies() {
        List<Cookie> found = new ArrayList<>();
        List<String> lines = exchange.getRequestHeaders().get("Cookie");
        if (lines == null) {
            return found;
        }
        for (String line : lines) {
            for (String item : line.split(";")) {
                int eq = item.indexOf('=');
                if (eq > 0) {
                    try {
                        found.add(new Cookie(item.substring(0, eq).trim(), item.substring(eq + 1).trim()));
                    } catch (IllegalArgumentException e) {
                        // a cookie name the Servlet API refuses: ignored, as containers do
                    }
                }
            }
        }
        return found;
    }

    private HttpSession session(boolean create) {
        if (session != null && !session.valid) {
            session = null;
        }
        if (session == null && create) {
            session = context.newSession();
            response.addSetCookie("JSESSIONID=" + session.id + "; Path=/; HttpOnly");
        }
        return session == null ? null : session.proxy;
    }

    /** The stand-in login: {@code /__ase/session?memberId=long:7&name=alice} sets session attributes. */
    void loginStandIn(Response out) {
        parseParameters();
        session(true);
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            String value = entry.getValue().get(0);
            Object typed = value;
            if (value.startsWith("long:")) {
                typed = Long.valueOf(value.substring(5));
            } else if (value.startsWith("int:")) {
                typed = Integer.valueOf(value.substring(4));
            } else if (value.startsWith("str:")) {
                typed = value.substring(4);
            }
            session.attributes.put(entry.getKey(), typed);
        }
        out.status = 204;
    }

    private ServletInputStream inputStream() {
        bodyUsed = true;
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("no async I/O in the check adapter");
            }
        };
    }

    @Override
    Object call(String name, Object[] a, Method method) throws Exception {
        switch (name) {
            case "getMethod": return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            case "getRequestURI": return exchange.getRequestURI().getRawPath();
            case "getRequestURL":
                return new StringBuffer("http://127.0.0.1:" + exchange.getLocalAddress().getPort()
                        + exchange.getRequestURI().getRawPath());
            case "getQueryString": return exchange.getRequestURI().getRawQuery();
            case "getContextPath": return "";
            case "getServletPath": return servletPath;
            case "getPathInfo": return pathInfo;
            case "getPathTranslated": return null;
            case "getParameter": {
                parseParameters();
                List<String> values = parameters.get((String) a[0]);
                return values == null ? null : values.get(0);
            }
            case "getParameterValues": {
                parseParameters();
                List<String> values = parameters.get((String) a[0]);
                return values == null ? null : values.toArray(new String[0]);
            }
            case "getParameterNames":
                parseParameters();
                return Collections.enumeration(parameters.keySet());
            case "getParameterMap": {
                parseParameters();
                Map<String, String[]> map = new LinkedHashMap<>();
                parameters.forEach((k, v) -> map.put(k, v.toArray(new String[0])));
                return Collections.unmodifiableMap(map);
            }
            case "getHeader": return header((String) a[0]);
            case "getHeaders": {
                List<String> values = exchange.getRequestHeaders().get((String) a[0]);
                return Collections.enumeration(values == null ? List.of() : values);
            }
            case "getHeaderNames": return Collections.enumeration(exchange.getRequestHeaders().keySet());
            case "getIntHeader": {
                String value = header((String) a[0]);
                return value == null ? -1 : Integer.parseInt(value.trim());
            }
            case "getDateHeader": {
                String value = header((String) a[0]);
                if (value == null) {
                    return -1L;
                }
                return java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
            }
            case "getContentType": return header("Content-Type");
            case "getContentLength": return body.length;
            case "getContentLengthLong": return (long) body.length;
            case "getCharacterEncoding": {
                if (encoding != null) {
                    return encoding;
                }
                String type = header("Content-Type");
                int at = type == null ? -1 : type.toLowerCase(Locale.ROOT).indexOf("charset=");
                return at < 0 ? null : type.substring(at + 8).replace("\"", "").trim();
            }
            case "setCharacterEncoding": encoding = (String) a[0]; return null;
            case "getInputStream": return inputStream();
            case "getReader": {
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                bodyUsed = true;
                return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
            }
            case "getRemoteAddr": case "getRemoteHost":
                return exchange.getRemoteAddress().getAddress().getHostAddress();
            case "getRemotePort": return exchange.getRemoteAddress().getPort();
            case "getLocalAddr": case "getLocalName": return exchange.getLocalAddress().getAddress().getHostAddress();
            case "getLocalPort": case "getServerPort": return exchange.getLocalAddress().getPort();
            case "getServerName": return "127.0.0.1";
            case "getScheme": return "http";
            case "isSecure": return false;
            case "getProtocol": return exchange.getProtocol();
            case "getSession": return session(a.length == 0 || (Boolean) a[0]);
            case "getRequestedSessionId": return requestedSessionId;
            case "isRequestedSessionIdValid": return requestedSessionId != null && context.session(requestedSessionId) != null;
            case "isRequestedSessionIdFromCookie": return requestedSessionId != null;
            case "changeSessionId": return session == null ? null : session.id;
            case "getCookies": {
                List<Cookie> found = cookies();
                return found.isEmpty() ? null : found.toArray(new Cookie[0]);
            }
            case "getAttribute": return attributes.get((String) a[0]);
            case "getAttributeNames": return Collections.enumeration(attributes.keySet());
            case "setAttribute":
                if (a[1] == null) {
                    attributes.remove((String) a[0]);
                } else {
                    attributes.put((String) a[0], a[1]);
                }
                return null;
            case "removeAttribute": attributes.remove((String) a[0]); return null;
            case "getLocale": return Locale.getDefault();
            case "getLocales": return Collections.enumeration(List.of(Locale.getDefault()));
            case "getServletContext": return context.servletContext;
            case "getDispatcherType": return javax.servlet.DispatcherType.REQUEST;
            case "getPart": case "getParts":
                throw new javax.servlet.ServletException("multipart requests are not supported by the check adapter");
            default: return UNHANDLED;
        }
    }
}
