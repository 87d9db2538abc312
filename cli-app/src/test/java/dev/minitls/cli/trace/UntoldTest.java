package dev.minitls.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.tls13.KeyUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A printer is spared TLS 1.3's own messages, which it has no words for yet, and told everything else. */
class UntoldTest {

    @Test
    void tls13MessagesAreSkippedAndEveryOtherEventPasses() {
        List<Event> told = new ArrayList<>();
        HandshakeObserver printer = Untold.skipping(event -> told.add(event.event()));
        Event alert = new Event.AlertSent(Alert.CLOSE_NOTIFY, Optional.empty());

        printer.onEvent(new TraceEvent(Side.CLIENT, "peer", new Event.Tls13MessageSent(new KeyUpdate(true))));
        printer.onEvent(new TraceEvent(Side.CLIENT, "peer", new Event.Tls13MessageReceived(new KeyUpdate(false))));
        printer.onEvent(new TraceEvent(Side.CLIENT, "peer", alert));

        assertThat(told).containsExactly(alert);
    }

    @Test
    void aTracePrinterOfATls13KeyUpdateWouldFailWithoutIt() {
        TraceEvent keyUpdate = new TraceEvent(Side.CLIENT, "peer", new Event.Tls13MessageSent(new KeyUpdate(true)));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Narration.of(keyUpdate)))
                .as("Narration has no words for it yet; when it has, Untold goes")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
