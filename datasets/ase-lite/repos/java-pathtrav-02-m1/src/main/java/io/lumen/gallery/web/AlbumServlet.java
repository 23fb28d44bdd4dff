package io.lumen.gallery.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.List;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.lumen.gallery.store.PhotoStore;

/** {@code GET /albums} and {@code GET /albums/photos?album=...}, as JSON arrays of names. */
@WebServlet({"/albums", "/albums/photos"})
public class AlbumServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final PhotoStore store = new PhotoStore();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> names;
        try {
            if (req.getServletPath().equals("/albums/photos")) {
                names = store.photos(req.getParameter("album"));
            } else {
                names = store.albums();
            }
        } catch (NoSuchFileException e) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such album");
            return;
        }
        resp.setContentType("application/json;charset=UTF-8");
        PrintWriter stdout = resp.getWriter();
        stdout.print('[');
        for (int i = 0; i < names.size(); i++) {
            stdout.print(i == 0 ? "\"" : ",\"");
            stdout.print(names.get(i).replace("\\", "\\\\").replace("\"", "\\\""));
            stdout.print('"');
        }
        stdout.print(']');
    }
}
