package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's step lines: short values, and not a byte of a secret. */
class StepPrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StepPrinter printer = new StepPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void showsASecretByItsNameOnly() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x6d);

        printer.print(new Narration(Side.SERVER, "127.0.0.1:1", Step.SHARED_SECRET, "X25519(...)",
                List.of(TraceValue.secret("shared secret", secret))));

        assertThat(printed()).isEqualTo(" 8 server X25519(...) (shared secret=[secret])\n");
    }

    @Test
    void cutsOpenBytesToFourAndTextToTwentyFourCharactersAndCountsTheValuesLeftOut() {
        printer.print(new Narration(Side.CLIENT, "", Step.CLIENT_HELLO, "sent ClientHello", List.of(
                TraceValue.open("random", new byte[] {1, 2, 3, 4, 5}),
                TraceValue.text("name", "abcdefghijklmnopqrstuvwxyz"),
                TraceValue.text("two lines", "first\nsecond"),
                TraceValue.open("short", new byte[] {7}),
                TraceValue.open("fifth", new byte[] {8}))));

        assertThat(printed()).isEqualTo(" 5 client sent ClientHello (random=01020304…,"
                + " name=abcdefghijklmnopqrstuvwx…, two lines=first…, short=07, +1 more)\n");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
