package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Trace values show bytes as hex and text as text. */
class TraceValueTest {

    @Test
    void bytesAreShownAsLowercaseHexAndTextAsIs() {
        TraceValue key = TraceValue.secret("key", new byte[] {0x0a, (byte) 0xff});
        TraceValue name = TraceValue.text("subject", "CN=café");

        assertThat(key.asString()).isEqualTo("0aff");
        assertThat(key.kind()).isEqualTo(TraceValue.Kind.BYTES);
        assertThat(key.secret()).isTrue();
        assertThat(name.asString()).isEqualTo("CN=café");
        assertThat(name.value()).isEqualTo("CN=café".getBytes(StandardCharsets.UTF_8));
        assertThat(name.kind()).isEqualTo(TraceValue.Kind.TEXT);
        assertThat(name.secret()).isFalse();
        assertThat(TraceValue.open("hash", new byte[] {1}).secret()).isFalse();
    }

    @Test
    void aValueNeedsEveryPart() {
        assertThatNullPointerException().isThrownBy(() -> TraceValue.open(null, new byte[0]));
        assertThatNullPointerException().isThrownBy(() -> TraceValue.open("x", null));
    }
}
