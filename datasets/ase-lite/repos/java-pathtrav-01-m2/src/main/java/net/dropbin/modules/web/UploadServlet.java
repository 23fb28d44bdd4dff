package net.dropbin.modules.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

import javax.servlet.ServletException;
import javax.servlet.annotation.MultipartConfig;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;

import net.dropbin.config.StorageConfig;

/** {@code POST /files/upload}: stores the uploaded file under its own name. */
@WebServlet("/files/upload")
@MultipartConfig(fileSizeThreshold = 1 << 20)
public class UploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Part part = req.getPart("file");
        if (part == null || part.getSize() == 0) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "no file uploaded");
            return;
        }
        if (part.getSize() > StorageConfig.maxUploadBytes()) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "file too large");
            return;
        }
        // browsers may send a full client-side path: keep the last element only
        String fileName = Paths.get(part.getSubmittedFileName()).getFileName().toString();
        if (fileName.isBlank() || fileName.startsWith(".")) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid file name");
            return;
        }
        Path target = StorageConfig.uploadRoot().resolve(fileName);
        try (InputStream in = part.getInputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        resp.sendRedirect(req.getContextPath() + "/files");
    }
}
