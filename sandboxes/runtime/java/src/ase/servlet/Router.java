package ase.servlet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;

/** Servlet URL patterns, matched as the Servlet specification says (exact, prefix, extension, default). */
final class Router {

    /** A servlet class, instantiated and initialised on its first request. */
    static final class Holder {
        private final Class<? extends HttpServlet> type;
        private final Context context;
        private HttpServlet instance;

        Holder(Class<? extends HttpServlet> type, Context context) {
            this.type = type;
            this.context = context;
        }

        synchronized HttpServlet servlet() throws ServletException {
            if (instance == null) {
                try {
                    HttpServlet created = type.getDeclaredConstructor().newInstance();
                    created.init(context.config(type.getName()));
                    instance = created;
                } catch (ReflectiveOperationException e) {
                    throw new ServletException("cannot create " + type.getName(), e);
                }
            }
            return instance;
        }
    }

    /** The outcome of matching a path: the servlet, the servlet path and the path info. */
    record Match(Holder holder, String servletPath, String pathInfo) {
    }

    private final Context context;
    private final Map<String, Holder> exact = new LinkedHashMap<>();
    private final Map<String, Holder> prefix = new LinkedHashMap<>();
    private final Map<String, Holder> extension = new LinkedHashMap<>();
    private Holder fallback;
    private final List<String> patterns = new ArrayList<>();

    Router(Context context) {
        this.context = context;
    }

    void add(Class<? extends HttpServlet> type, String[] urlPatterns) {
        Holder holder = new Holder(type, context);
        for (String pattern : urlPatterns) {
            patterns.add(pattern + "=" + type.getSimpleName());
            if (pattern.equals("/")) {
                fallback = holder;
            } else if (pattern.equals("/*")) {
                prefix.put("", holder);
            } else if (pattern.endsWith("/*")) {
                prefix.put(pattern.substring(0, pattern.length() - 2), holder);
            } else if (pattern.startsWith("*.")) {
                extension.put(pattern.substring(2), holder);
            } else {
                exact.put(pattern.isEmpty() ? "/" : pattern, holder);
            }
        }
    }

    Match match(String path) {
        Holder holder = exact.get(path);
        if (holder != null) {
            return new Match(holder, path, null);
        }
        String best = null;
        for (String p : prefix.keySet()) {
            if ((path.equals(p) || path.startsWith(p + "/") || p.isEmpty()) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        if (best != null) {
            String info = path.substring(best.length());
            return new Match(prefix.get(best), best, info.isEmpty() ? null : info);
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > slash && extension.containsKey(path.substring(dot + 1))) {
            return new Match(extension.get(path.substring(dot + 1)), path, null);
        }
        return fallback == null ? null : new Match(fallback, path, null);
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
