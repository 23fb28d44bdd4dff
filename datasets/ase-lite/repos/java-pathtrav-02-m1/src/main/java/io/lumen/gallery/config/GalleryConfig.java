package io.lumen.gallery.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

/** Directories and limits of the gallery, from the environment. */
public final class GalleryConfig {

    /** File extensions (lower case) that are shown as photos. */
    public static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "heic");

    private GalleryConfig() {
    }

    /** The photo library: one sub-directory per album. Absolute and normalised. */
    public static Path libraryRoot() {
        return dir("LUMEN_LIBRARY", "/srv/photos");
    }

    /** Where generated thumbnails are cached, mirroring the album layout. */
    public static Path cacheHome() {
        return dir("LUMEN_CACHE", "/var/cache/lumen");
    }

    public static int thumbPixels() {
        return Integer.parseInt(System.getenv().getOrDefault("LUMEN_THUMB_PX", "320"));
    }

    private static Path dir(String variable, String fallback) {
        return Paths.get(System.getenv().getOrDefault(variable, fallback)).toAbsolutePath().normalize();
    }
}
