package ase.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.http.HttpSession;

/** The web application: its ServletContext, its sessions and its optional webapp directory. */
final class Context extends Handlers {

    private final Path webapp;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    final ServletContext servletContext = as(ServletContext.class);

    Context(Path webapp) {
        this.webapp = webapp;
    }

    Session session(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session != null && session.valid) {
            session.touch();
            return session;
        }
        return null;
    }

    Session newSession() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Session session = new Session(HexFormat.of().formatHex(bytes).toUpperCase(), this);
        sessions.put(session.id, session);
        return session;
    }

    void forget(Session session) {
        sessions.remove(session.id);
    }

    ServletConfig config(String servletName) {
        return new Handlers() {
            @Override
            Object call(String name, Object[] a, Method method) {
                switch (name) {
                    case "getServletName": return servletName;
                    case "getServletContext": return servletContext;
                    case "getInitParameter": return null;
                    case "getInitParameterNames": return Collections.emptyEnumeration();
                    default: return UNHANDLED;
                }
            }
        }.as(ServletConfig.class);
    }

    private Path resource(String path) {
        if (webapp == null || path == null) {
            return null;
        }
        Path file = webapp.resolve(path.replaceFirst("^/+", "")).normalize();
        return file.startsWith(webapp) ? file : null;
    }

    @Override
    Object call(String name, Object[] a, Method method) throws IOException {
        switch (name) {
            case "getContextPath": return "";
            case "getServletContextName": return "ase";
            case "getServerInfo": return "ase-servlet-adapter/1.0";
            case "getMajorVersion": case "getEffectiveMajorVersion": return 4;
            case "getMinorVersion": case "getEffectiveMinorVersion": return 0;
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
            case "getInitParameter": return null;
            case "getInitParameterNames": return Collections.emptyEnumeration();
            case "getMimeType": return URLConnection.guessContentTypeFromName((String) a[0]);
            case "getRealPath": {
                Path file = resource((String) a[0]);
                return file == null ? null : file.toString();
            }
            case "getResource": {
                Path file = resource((String) a[0]);
                return file != null && Files.exists(file) ? file.toUri().toURL() : null;
            }
            case "getResourceAsStream": {
                Path file = resource((String) a[0]);
                InputStream in = file != null && Files.isRegularFile(file) ? Files.newInputStream(file) : null;
                return in;
            }
            case "log":
                System.err.println("[servlet context] " + a[0]);
                if (a.length > 1 && a[1] instanceof Throwable) {
                    ((Throwable) a[1]).printStackTrace();
                }
                return null;
            case "getClassLoader": return Thread.currentThread().getContextClassLoader();
            default: return UNHANDLED;
        }
    }

    /** One HttpSession, kept in memory for the life of the process. */
    static final class Session extends Handlers {
        final String id;
        final Context context;
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        final long created = System.currentTimeMillis();
        long accessed = created;
        boolean fresh = true;
        boolean valid = true;
        int maxInactive = 1800;
        final HttpSession proxy = as(HttpSession.class);

        Session(String id, Context context) {
            this.id = id;
            this.context = context;
        }

        void touch() {
            accessed = System.currentTimeMillis();
            fresh = false;
        }

        @Override
        Object call(String name, Object[] a, Method method) {
            switch (name) {
                case "getId": return id;
                case "getCreationTime": return created;
                case "getLastAccessedTime": return accessed;
                case "getServletContext": return context.servletContext;
                case "setMaxInactiveInterval": maxInactive = (Integer) a[0]; return null;
                case "getMaxInactiveInterval": return maxInactive;
                case "getAttribute": case "getValue": return attributes.get((String) a[0]);
                case "getAttributeNames": return Collections.enumeration(attributes.keySet());
                case "getValueNames": return attributes.keySet().toArray(new String[0]);
                case "setAttribute": case "putValue":
                    if (a[1] == null) {
                        attributes.remove((String) a[0]);
                    } else {
                        attributes.put((String) a[0], a[1]);
                    }
                    return null;
                case "removeAttribute": case "removeValue": attributes.remove((String) a[0]); return null;
                case "invalidate": valid = false; context.forget(this); return null;
                case "isNew": return fresh;
                default: return UNHANDLED;
            }
        }
    }
}
