package dev.minitls.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared test vectors ({@code ../shared/vectors} beside the project root). The parent pom passes the
 * folder in the {@code minitls.vectors} system property; a test that needs a file it cannot find is skipped with a
 * message saying so, never failed and never silently passed.
 */
public final class SharedVectors {

    private SharedVectors() {
    }

    /** The path of {@code relative} inside the vectors folder; skips the calling test when it is missing. */
    public static Path require(String relative) {
        String dir = System.getProperty("minitls.vectors");
        assumeTrue(dir != null, "skipped: system property minitls.vectors is not set (run the tests through Maven)");
        Path file = Path.of(dir).resolve(relative).normalize();
        assumeTrue(Files.isRegularFile(file), () -> "skipped: shared vector file " + file + " is absent");
        return file;
    }
}
