package dev.minitls.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's table of what minitls refuses names, for each group of hostile cases, the tests that show it: each
 * named test must exist in one of the modules.
 */
class ReadmeRefusesTest {

    private static final String HEADING = "## What minitls refuses";
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\|[^|]+\\|([^|]+)\\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final List<String> MODULES = List.of("domain", "crypto-adapter", "transport-adapter", "cli-app");

    @Test
    void everyGroupNamesTestsThatExist() throws IOException {
        List<String> groups = new ArrayList<>();
        for (String line : table(Readme.section(HEADING))) {
            Matcher row = ROW.matcher(line);
            assertThat(row.matches()).as("a row of three columns: %s", line).isTrue();
            groups.add(row.group(1));
            Matcher code = CODE.matcher(row.group(2));
            List<String> names = new ArrayList<>();
            while (code.find()) {
                names.add(code.group(1));
            }
            assertThat(names).as("tests named for %s", row.group(1)).isNotEmpty();
            names.forEach(ReadmeRefusesTest::assertTestExists);
        }

        assertThat(groups).containsExactly("framing", "order", "values", "certificates", "CertificateVerify, Finished",
                "records", "the connection", "load", "injected text");
    }

    @Test
    void aTestThatDoesNotExistIsCaught() {
        assertThatThrownBy(() -> assertTestExists("ServerProtectionTests")).isInstanceOf(AssertionError.class);
    }

    /** The rows of the section's first table, below its header and separator lines. */
    private static List<String> table(List<String> section) {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section) {
            if (line.startsWith("|")) {
                inTable = true;
                rows.add(line);
            } else if (inTable) {
                break;
            }
        }
        assertThat(rows).as("the table's header and separator").hasSizeGreaterThan(2);
        return rows.subList(2, rows.size());
    }

    /** A class {@code name} among the test sources of the modules. */
    private static void assertTestExists(String name) {
        Path root = Path.of(System.getProperty("minitls.root"));
        List<Path> found = MODULES.stream().map(module -> root.resolve(module).resolve("src/test/java"))
                .flatMap(ReadmeRefusesTest::javaFiles)
                .filter(file -> file.getFileName().toString().equals(name + ".java")).toList();
        assertThat(found).as("test sources named %s.java", name).isNotEmpty();
    }

    private static Stream<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
