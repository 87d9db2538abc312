package dev.minitls.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's README.md, read by the tests that keep it true. */
final class Readme {

    private Readme() {
    }

    /** Its lines. */
    static List<String> lines() throws IOException {
        String root = System.getProperty("minitls.root");
        assertThat(root).as("system property minitls.root (set by the parent pom)").isNotNull();
        return Files.readAllLines(Path.of(root, "README.md"), StandardCharsets.UTF_8);
    }

    /** The lines of the section under {@code heading} (a whole heading line), up to the next heading of any level. */
    static List<String> section(String heading) throws IOException {
        List<String> lines = lines();
        int start = lines.indexOf(heading);
        assertThat(start).as("README heading %s", heading).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("#")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }
}
