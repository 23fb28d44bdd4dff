package ase.servlet;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;

import com.sun.net.httpserver.HttpServer;

/**
 * A minimal servlet container for the ase-lite checks: serves the {@code @WebServlet}
 * classes found in a compiled classes directory on 127.0.0.1, on top of the JDK's
 * com.sun.net.httpserver (no Tomcat or Jetty needed offline).
 *
 * <pre>java ase.servlet.Main PORT CLASSES_DIR [WEBAPP_DIR]</pre>
 *
 * Besides the application's servlets it answers {@code POST /__ase/session?NAME=long:VALUE}:
 * a stand-in for a login page that creates a session holding the given attributes.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path classes = Paths.get(args[1]).toAbsolutePath();
        Path webapp = args.length > 2 ? Paths.get(args[2]).toAbsolutePath() : null;
        Class.forName("ase.jdbc.AseDriver");
        Context context = new Context(webapp);
        Router router = new Router(context);
        for (Class<?> type : servletClasses(classes)) {
            WebServlet annotation = type.getAnnotation(WebServlet.class);
            String[] patterns = annotation.value().length > 0 ? annotation.value() : annotation.urlPatterns();
            router.add(type.asSubclass(HttpServlet.class), patterns);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", new Dispatcher(router, context));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.err.println("ase servlet adapter listening on 127.0.0.1:" + port + " with " + router);
    }

    /** Every concrete HttpServlet annotated with @WebServlet, loaded without initialising it. */
    private static List<Class<?>> servletClasses(Path classes) throws IOException {
        List<Class<?>> found = new ArrayList<>();
        ClassLoader loader = Main.class.getClassLoader();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = classes.relativize(file).toString();
                if (!name.endsWith(".class") || name.contains("$") || name.startsWith("ase" + File.separator)) {
                    continue;
                }
                if (!mentionsWebServlet(file)) {
                    continue;
                }
                String className = name.substring(0, name.length() - 6).replace(File.separatorChar, '.');
                try {
                    Class<?> type = Class.forName(className, false, loader);
                    if (HttpServlet.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())
                            && type.isAnnotationPresent(WebServlet.class)) {
                        found.add(type);
                    }
                } catch (LinkageError | ClassNotFoundException e) {
                    System.err.println("skipping " + className + ": " + e);
                }
            }
        }
        return found;
    }

    private static boolean mentionsWebServlet(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains("javax/servlet/annotation/WebServlet");
        }
    }
}
