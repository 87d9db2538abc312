package dev.minitls.transport.tls13;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions shared by the TLS 1.3 codec's tests. */
final class Tls13Assertions {

    private Tls13Assertions() {
    }

    /** {@code call} fails with {@code failure}, and a one-line reason that contains {@code reason}. */
    static void assertRefused(ThrowingCallable call, Failure failure, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProtocolException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.failure()).isEqualTo(failure);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(reason)
                    .doesNotContain("\n", "\r");
        });
    }
}
