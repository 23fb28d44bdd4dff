package io.lumen.gallery.core.store;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.lumen.gallery.config.GalleryConfig;
import io.lumen.gallery.util.SafePaths;

/** Read access to the photo library and the thumbnail cache. */
public class PhotoStore {

    private static final Logger LOG = Logger.getLogger(PhotoStore.class.getName());

    /** Album names: the sub-directories of the library, sorted. */
    public List<String> albums() throws IOException {
        try (Stream<Path> entries = Files.list(GalleryConfig.libraryRoot())) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** File names of the photos of one album, sorted. */
    public List<String> photos(String album) throws IOException {
        Path dir = SafePaths.resolveWithin(GalleryConfig.libraryRoot(), album);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(album);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> GalleryConfig.PHOTO_EXTENSIONS.contains(SafePaths.extension(p)))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * Opens the original image file {@code fileName} of {@code album}. The caller
     * closes the stream. Throws NoSuchFileException when there is no such photo.
     */
    public InputStream openOriginal(String album, String fileName) throws IOException {
        Path albumDir = GalleryConfig.libraryRoot().resolve(album);
        Path photo = albumDir.resolve(fileName);
        if (!Files.isRegularFile(photo)) {
            throw new NoSuchFileException(album + "/" + fileName);
        }
        if (!GalleryConfig.PHOTO_EXTENSIONS.contains(SafePaths.extension(photo))) {
            throw new NoSuchFileException(album + "/" + fileName + " is not a photo");
        }
        LOG.fine(() -> "serving original " + photo);
        return Files.newInputStream(photo);
    }

    /** Opens the JPEG thumbnail of a photo, generating it in the cache on first use. */
    public InputStream openThumbnail(String album, String fileName) throws IOException {
        Path original = SafePaths.resolveWithin(GalleryConfig.libraryRoot(), album, fileName);
        Path thumb = SafePaths.resolveWithin(GalleryConfig.cacheRoot(), album, fileName + ".thumb.jpg");
        if (!Files.exists(thumb)
                || Files.getLastModifiedTime(thumb).compareTo(Files.getLastModifiedTime(original)) < 0) {
            writeThumbnail(original, thumb);
        }
        return Files.newInputStream(thumb);
    }

    private static void writeThumbnail(Path original, Path thumb) throws IOException {
        BufferedImage source = ImageIO.read(original.toFile());
        if (source == null) {
            throw new NoSuchFileException(original + " is not a readable image");
        }
        int max = GalleryConfig.thumbnailPixels();
        double scale = Math.min(1.0, (double) max / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        scaled.getGraphics().drawImage(source.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        Files.createDirectories(thumb.getParent());
        ImageIO.write(scaled, "jpg", thumb.toFile());
    }
}
