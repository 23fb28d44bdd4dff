package net.dropbin.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import net.dropbin.config.StorageConfig;

/** {@code GET /files}: the list of stored files, newest first. */
@WebServlet("/files")
public class FileListServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doGetCore(req, resp);
    }

    private void doGetCore(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(StorageConfig.uploadRoot())) {
            files = entries.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(FileListServlet::modified).reversed())
                    .collect(Collectors.toList());
        }
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter stdout = resp.getWriter();
        stdout.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Dropbin</title></head><body>");
        stdout.println("<h1>Shared files</h1>");
        stdout.println("<form method=\"post\" action=\"files/upload\" enctype=\"multipart/form-data\">"
                + "<input type=\"file\" name=\"file\" required> <button>Upload</button></form>");
        stdout.println("<table><tr><th>Name</th><th>Size</th><th>Uploaded</th></tr>");
        for (Path file : files) {
            String name = file.getFileName().toString();
            stdout.println("<tr><td><a href=\"files/download?name="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + "\">" + quote(name) + "</a></td>"
                    + "<td>" + Files.size(file) / 1024 + " KiB</td>"
                    + "<td>" + WHEN.format(Files.getLastModifiedTime(file).toInstant()) + "</td></tr>");
        }
        stdout.println("</table></body></html>");
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        return modifiedCore(file);
    }

    private static java.nio.file.attribute.FileTime modifiedCore(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static String quote(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
