package net.dropbin.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where files are stored, and upload limits. */
public final class StorageConfig {

    private static final Path ROOT = init();

    private StorageConfig() {
    }

    private static Path init() {
        String dir = System.getenv().getOrDefault("DROPBIN_STORAGE", "/var/lib/dropbin/files");
        Path root = Paths.get(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage directory " + root, e);
        }
        return root;
    }

    /** Absolute, normalised directory holding all stored files. */
    public static Path uploadRoot() {
        return ROOT;
    }

    public static long maxUploadBytes() {
        return Long.parseLong(System.getenv().getOrDefault("DROPBIN_MAX_UPLOAD", "104857600"));
    }
}
