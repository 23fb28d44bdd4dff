package io.lumen.gallery.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.lumen.gallery.core.store.PhotoStore;

/** {@code GET /photo?album=...&file=...[&size=thumb]}: an original photo or its thumbnail. */
@WebServlet("/photo")
public class PhotoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final PhotoStore store = new PhotoStore();

    private static String contentType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".gif")) {
            return "image/gif";
        }
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        if (lower.endsWith(".heic")) {
            return "image/heic";
        }
        return "image/jpeg";
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String album = req.getParameter("album");
        String file = req.getParameter("file");
        if (album == null || file == null) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "album and file are required");
            return;
        }
        boolean thumbnail = "thumb".equals(req.getParameter("size"));
        try (InputStream in = thumbnail ? store.openThumbnail(album, file) : store.openOriginal(album, file);
             OutputStream out = resp.getOutputStream()) {
            resp.setContentType(thumbnail ? "image/jpeg" : contentType(file));
            resp.setHeader("Cache-Control", "private, max-age=86400");
            in.transferTo(out);
        } catch (NoSuchFileException e) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such photo");
        }
    }
}
