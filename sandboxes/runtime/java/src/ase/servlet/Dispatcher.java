package ase.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Turns one HTTP exchange into a servlet call and writes the buffered response back. */
final class Dispatcher implements HttpHandler {

    private final Router router;
    private final Context context;

    Dispatcher(Router router, Context context) {
        this.router = router;
        this.context = context;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Response response = new Response();
            try {
                serve(exchange, response);
            } catch (Throwable e) {
                System.err.println("error while serving " + exchange.getRequestURI());
                e.printStackTrace();
                response.fail(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error");
            }
            send(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange, Response response) throws Exception {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = Request.normalise(Request.decodePath(rawPath == null ? "/" : rawPath));
        if (path == null) {
            response.fail(HttpServletResponse.SC_BAD_REQUEST, "Bad Request");
            return;
        }
        Request request = new Request(exchange, body, context, response);
        if (path.equals("/__ase/session")) {
            request.loginStandIn(response);
            return;
        }
        Router.Match match = router.match(path);
        if (match == null) {
            response.fail(HttpServletResponse.SC_NOT_FOUND, "Not Found");
            return;
        }
        request.route(match.servletPath(), match.pathInfo());
        match.holder().servlet().service(request.proxy, response.proxy);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] payload = response.body();
        for (Map.Entry<String, List<String>> header : response.headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Length")) {
                continue;
            }
            for (String value : header.getValue()) {
                exchange.getResponseHeaders().add(header.getKey(), value);
            }
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        boolean empty = head || response.status == 204 || response.status == 304 || payload.length == 0;
        exchange.sendResponseHeaders(response.status, empty ? -1 : payload.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    /** HTML error page text with the message escaped, as a container writes it. */
    static String errorPage(int status, String message) {
        return "<!doctype html><html><head><title>HTTP Status " + status + "</title></head><body><h1>HTTP Status "
                + status + "</h1><p>" + escape(message) + "</p></body></html>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
