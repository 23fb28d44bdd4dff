package dev.beacon.scm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.beacon.config.BuildConfig;

/** Runs an external program and returns its standard output as lines. */
public final class CommandRunner {

    private CommandRunner() {
    }

    /**
     * Runs {@code argv} (program followed by its arguments, no shell involved) in
     * {@code dir}. Throws IOException when the program exits with a non-zero
     * status or does not finish within {@link BuildConfig#commandTimeoutSeconds()}.
     */
    public static List<String> run(Path dir, List<String> argv) throws IOException {
        Process proc = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        try {
            if (!proc.waitFor(BuildConfig.commandTimeoutSeconds(), TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IOException("timed out: " + argv.get(0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            throw new IOException("interrupted: " + argv.get(0), e);
        }
        if (proc.exitValue() != 0) {
            throw new IOException(argv.get(0) + " exited with status " + proc.exitValue());
        }
        return lines;
    }
}
