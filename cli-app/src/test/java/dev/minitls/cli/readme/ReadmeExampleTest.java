package dev.minitls.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.Subprocess;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example in the README, exactly as it is written there: compiled with the JDK's compiler against the
 * project's classes, then run in its own JVM in a folder holding certificates made by {@code certs}.
 */
class ReadmeExampleTest {

    private static final String MARKER = "<!-- ReadmeExampleTest compiles and runs the next java block as it is. -->";
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleCompilesRunsAndPrintsTheEchoInCapitals() throws Exception {
        String source = example();
        Matcher className = CLASS_NAME.matcher(source);
        assertThat(className.find()).as("a public class in the example").isTrue();
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = Files.writeString(sources.resolve(className.group(1) + ".java"), source);

        StringWriter diagnostics = new StringWriter();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath", classPath(), "-d",
                        classes.toString()),
                null, compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file))
                .call();
        assertThat(compiled).as("compiling the README example:%n%s", diagnostics).isTrue();

        Path pki = Files.createDirectories(dir.resolve("pki"));
        PkiWriter.write(new PkiFiles(pki), PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        try (Subprocess run = Subprocess.start(pki, List.of(javaBinary(), "-cp",
                classes + File.pathSeparator + classPath(), className.group(1)))) {
            assertThat(run.awaitExit()).as(run.printed()).isZero();
            assertThat(run.stdout()).containsExactly("v2: HELLO FROM THE README");
        }
    }

    /** The java block right after the marker. */
    private static String example() throws IOException {
        List<String> lines = Readme.lines();
        int marker = lines.indexOf(MARKER);
        assertThat(marker).as("the marker line in README.md").isNotNegative();
        assertThat(lines.get(marker + 1)).isEqualTo("```java");
        int end = lines.subList(marker + 2, lines.size()).indexOf("```");
        assertThat(end).as("the end of the java block").isPositive();
        return String.join("\n", lines.subList(marker + 2, marker + 2 + end)) + "\n";
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
