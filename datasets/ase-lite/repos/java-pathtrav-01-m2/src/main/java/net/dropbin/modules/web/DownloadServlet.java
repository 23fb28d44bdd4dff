package net.dropbin.modules.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import net.dropbin.config.StorageConfig;
import net.dropbin.util.ContentDisposition;
import net.dropbin.util.MimeTypes;

/** {@code GET /files/download?name=...}: sends one stored file as an attachment. */
@WebServlet("/files/download")
public class DownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        if (name == null || name.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "missing file name");
            return;
        }
        Path file = StorageConfig.uploadRoot().resolve(name);
        if (!Files.isRegularFile(file)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no such file");
            return;
        }
        String fileName = file.getFileName().toString();
        resp.setContentType(MimeTypes.guess(fileName));
        resp.setContentLengthLong(Files.size(file));
        resp.setHeader("Content-Disposition", ContentDisposition.attachment(fileName));
        try (OutputStream out = resp.getOutputStream()) {
            Files.copy(file, out);
        }
    }
}
