package dev.beacon.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The outcome of one CI build, read from {@code <results>/<hash>.json}. */
public final class BuildResult {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final String status;

    private BuildResult(String status) {
        this.status = status;
    }

    /** The result of the build of {@code commitHash}, when the CI job wrote one. */
    public static Optional<BuildResult> forCommit(Path resultsDir, String commitHash) throws IOException {
        if (!HASH.matcher(commitHash).matches()) {
            return Optional.empty();
        }
        Path file = resultsDir.resolve(commitHash + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Matcher m = STATUS.matcher(Files.readString(file, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(new BuildResult(m.group(1))) : Optional.empty();
    }

    /** "passed", "failed", "running" or "cancelled". */
    public String getStatus() {
        return status;
    }
}
