package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What a peer chose (the server name of a ClientHello, the names in a certificate) in every trace: quoted and
 * escaped in the descriptions, kept as it came in the values, and shown by every printer without a character that
 * could act on a terminal, each event on as many lines as it has without the peer.
 */
class PeerValuesInTraceTest {

    /** Clears the screen, ends the line twice over, reverses what follows. */
    private static final String HOSTILE = "\u001b[2J\r\n[127.0.0.1:1] forged\u2028\u202e";
    private static final String HOSTILE_QUOTED = "\"\\u001b[2J\\u000d\\u000a[127.0.0.1:1] forged\\u2028\\u202e\"";
    private static final String PEER = "127.0.0.1:51234";

    private static final TraceEvent HELLO = new TraceEvent(Side.SERVER, PEER, new Event.HelloReceived(
            new ClientHello(new byte[32], 2, new byte[32], "X25519_AES256GCM_SHA256", "example" + HOSTILE)));
    /** Self-signed, so that its subject and issuer are both the peer's choice (the test format has no newline). */
    private static final Certificate CERTIFICATE = new InsecureTestCrypto().parseCertificate(TestCertificates
            .root(TestCertificates.filled(0x33), "CN=issuer" + HOSTILE.replace("\n", "")).build());
    private static final TraceEvent RECEIVED = new TraceEvent(Side.CLIENT, PEER,
            new Event.CertificateReceived(CERTIFICATE, new byte[0], Optional.empty()));

    @Test
    void theDescriptionsQuoteAndEscapeWhatThePeerChose() {
        assertThat(Narration.of(HELLO).description()).isEqualTo("received ClientHello (v2) for \"example"
                + HOSTILE_QUOTED.substring(1));
        assertThat(Narration.of(RECEIVED).description()).isEqualTo("received the server certificate of \"CN=issuer"
                + "\\u001b[2J\\u000d[127.0.0.1:1] forged\\u2028\\u202e\"");
    }

    @Test
    void theValuesKeepWhatThePeerSentForTheJsonTrace() {
        assertThat(Narration.of(RECEIVED).values()).filteredOn(value -> value.name().equals("issuer"))
                .extracting(TraceValue::asString).containsExactly(CERTIFICATE.issuerText());
        assertThat(CERTIFICATE.issuerText()).contains("\u001b");
    }

    @Test
    void theTracePrinterShowsNothingThatActsOnATerminal() {
        assertSafe(out -> new TracePrinter(out, Colour.OFF));
    }

    @Test
    void theStepPrinterShowsNothingThatActsOnATerminal() {
        assertSafe(StepPrinter::new);
    }

    @Test
    void theJsonTraceShowsNothingThatActsOnATerminalAndIsOneLineAnEvent() {
        List<String> lines = assertSafe(JsonTraceWriter::new);
        assertThat(lines).hasSize(2).allMatch(line -> line.matches("\\p{Print}+"));
        assertThat(lines.get(0)).contains("\\\\u001b[2J", "for \\\"example");
        assertThat(lines.get(1)).contains("\"name\": \"issuer\", \"kind\": \"text\", \"value\": \"CN=issuer\\u001b[2J");
    }

    /** The lines printed for both events: no control, format or separator character but the newlines between. */
    private static List<String> assertSafe(Function<PrintStream, NarrationPrinter> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            NarrationPrinter p = printer.apply(out);
            p.onEvent(HELLO);
            p.onEvent(RECEIVED);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Co}\\p{Cn}]")
                .doesNotContain("\u001b", "\r", "\u2028", "\u202e"));
        assertThat(lines).noneMatch(line -> line.startsWith("[127.0.0.1:1] forged"));
        return lines;
    }
}
