package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.InsecureTestCrypto;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What --trace and --keylog make of a run: which observer, where the warning and the messages go. */
class TracingTest {

    private static final TraceEvent EVENT = Events.sharedSecret(Side.CLIENT, "", new byte[] {0x5e});

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final List<TraceEvent> otherwise = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void withoutTraceTheUsualObserverSeesEverythingAndNoWarningIsPrinted() {
        try (Tracing tracing = start(Optional.empty(), Optional.empty())) {
            tracing.observer().onEvent(EVENT);
            assertThat(tracing.messages()).isSameAs(stdout);
        }

        assertThat(otherwise).containsExactly(EVENT);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).isEmpty();
    }

    @Test
    void aTextTraceStartsWithTheWarningAndReplacesTheUsualObserver() {
        try (Tracing tracing = start(Optional.of(TraceFormat.text), Optional.empty())) {
            tracing.observer().onEvent(EVENT);
        }

        assertThat(otherwise).isEmpty();
        assertThat(text(out).lines()).first().isEqualTo(Tracing.WARNING);
        assertThat(text(out)).contains("shared secret [secret]  5e");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void aJsonTraceKeepsStandardOutputForJsonAlone() {
        try (Tracing tracing = start(Optional.of(TraceFormat.json), Optional.empty())) {
            tracing.observer().onEvent(EVENT);
            tracing.messages().println("a message for people");
        }

        assertThat(text(out).lines()).singleElement().asString().startsWith("{\"side\": \"client\"");
        assertThat(text(err).lines()).containsExactly(Tracing.WARNING, "a message for people");
    }

    @Test
    void aKeyLogIsWrittenBesidesTheTraceAndAnnouncedOnStandardError() throws Exception {
        Path file = dir.resolve("keys.log");
        try (Tracing tracing = start(Optional.empty(), Optional.of(file))) {
            tracing.observer().onEvent(Events.clientHello(Side.CLIENT, "p", new byte[] {1}));
            tracing.observer().onEvent(Events.v1Keys(Side.CLIENT, "p", new byte[] {2}));
        }

        assertThat(otherwise).hasSize(2);
        assertThat(Files.readAllLines(file)).containsExactly("MINITLS_V1_DERIVED_KEY 01 02");
        assertThat(text(err)).isEqualTo("minitls: writing the client's session secrets to " + file
                + "; anyone who reads it can decrypt the sessions" + System.lineSeparator());
    }

    @Test
    void aKeyLogThatCannotBeOpenedIsAUserError() {
        Path file = dir.resolve("no such folder").resolve("keys.log");

        assertThatThrownBy(() -> start(Optional.empty(), Optional.of(file))).isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot open the key log " + file + ": ");
    }

    private Tracing start(Optional<TraceFormat> format, Optional<Path> keyLog) {
        return Tracing.start(format, keyLog, Side.CLIENT, otherwise::add, stdout, stderr, Colour.OFF,
                new InsecureTestCrypto());
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
