package io.lumen.gallery.util;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Resolves names received from clients against a root directory. */
public final class SafePaths {

    private SafePaths() {
    }

    /**
     * Resolves {@code names} one after the other under {@code root} and returns
     * the normalised result. Throws NoSuchFileException when the result would
     * leave {@code root} (".." segments, absolute names) or is {@code root} itself.
     */
    public static Path resolveWithin(Path root, String... names) throws NoSuchFileException {
        Path home = root.toAbsolutePath().normalize();
        Path resolved = home;
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw new NoSuchFileException(String.valueOf(name));
            }
            resolved = resolved.resolve(name);
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(home) || resolved.equals(home)) {
            throw new NoSuchFileException(String.join("/", names));
        }
        return resolved;
    }

    /** Lower-case extension of a file name without the dot, or "" when there is none. */
    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
