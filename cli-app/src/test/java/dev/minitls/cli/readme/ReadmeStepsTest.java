package dev.minitls.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's table of the seed's steps names, for each of the fifteen steps, the classes and methods that perform
 * it: each named class must exist in exactly one of the project's packages, and each named method in that class (or
 * a class it extends or implements).
 */
class ReadmeStepsTest {

    private static final String HEADING = "## The seed's steps in the code";
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\|[^|]+\\|(.+)\\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final List<String> PACKAGES = List.of("domain", "domain.cert", "domain.handshake", "domain.keys",
            "domain.message", "domain.port", "domain.record", "domain.trace", "domain.trust", "crypto", "crypto.bc",
            "crypto.jca", "crypto.pem", "transport.json", "transport.tcp", "cli", "cli.api", "cli.runtime",
            "cli.command", "cli.inspect", "cli.trace", "cli.wiring");

    @Test
    void everyStepFrom1To15HasARowAndEveryNameInItExists() throws IOException {
        List<Integer> steps = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (String line : Readme.section(HEADING)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            steps.add(Integer.parseInt(row.group(1)));
            Matcher code = CODE.matcher(row.group(2));
            List<String> names = new ArrayList<>();
            while (code.find()) {
                names.add(code.group(1));
            }
            assertThat(names).as("names in the row of step %s", row.group(1)).isNotEmpty();
            names.forEach(name -> {
                assertExists(name);
                checked.add(name);
            });
        }

        assertThat(steps).containsExactlyElementsOf(IntStream.rangeClosed(1, 15).boxed().toList());
        assertThat(checked).as("at least one method per step").hasSizeGreaterThan(15);
    }

    @Test
    void aNameThatDoesNotExistIsCaught() {
        for (String wrong : List.of("ClientHandshake.sendClientHelo", "ClientHandshakes.run", "Certificate.x.y")) {
            assertThatThrownBy(() -> assertExists(wrong)).as(wrong)
                    .isInstanceOf(AssertionError.class);
        }
    }

    /** {@code Class} or {@code Class.method}: the class in exactly one package, the method on it. */
    private static void assertExists(String name) {
        String[] parts = name.split("\\.");
        assertThat(parts.length).as("%s is Class or Class.method", name).isBetween(1, 2);
        List<Class<?>> classes = PACKAGES.stream().map(pkg -> load("dev.minitls." + pkg + "." + parts[0]))
                .flatMap(Optional::stream).toList();
        assertThat(classes).as("classes named %s", parts[0]).hasSize(1);
        if (parts.length == 2) {
            assertThat(methodNames(classes.get(0))).as("methods of %s", classes.get(0).getName()).contains(parts[1]);
        }
    }

    private static List<String> methodNames(Class<?> type) {
        Stream<Class<?>> supertypes = Stream.concat(Stream.ofNullable(type.getSuperclass()),
                Arrays.stream(type.getInterfaces()));
        return Stream.concat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName),
                supertypes.flatMap(supertype -> methodNames(supertype).stream())).collect(Collectors.toList());
    }

    private static Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className, false, ReadmeStepsTest.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
