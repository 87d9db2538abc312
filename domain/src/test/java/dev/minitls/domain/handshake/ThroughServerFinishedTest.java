package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ThroughServerFinishedTest {

    @Test
    void applicationKeysNeedTheServersFinishedVerifiedOrSent() {
        assertThatNullPointerException().isThrownBy(() -> ThroughServerFinished.verified(null, new byte[32]));
        assertThatNullPointerException().isThrownBy(() -> ThroughServerFinished.sent(null, new byte[32]));
    }

    @Test
    void keepsItsOwnCopyOfTheTranscriptHash() {
        byte[] hash = new byte[32];
        ThroughServerFinished through = ThroughServerFinished.sent(new MessageIo.Sent(new byte[1], null), hash);
        hash[0] = 1;
        through.transcriptHash()[1] = 1;
        assertThat(through.transcriptHash()).isEqualTo(new byte[32]);
    }
}
