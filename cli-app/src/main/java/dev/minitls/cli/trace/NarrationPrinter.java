package dev.minitls.cli.trace;

import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.TraceEvent;

/** An observer that shows each event as it is told in words ({@link Narration}): the printers only lay it out. */
interface NarrationPrinter extends HandshakeObserver {

    /** Shows one event, in words. */
    void print(Narration narration);

    @Override
    default void onEvent(TraceEvent event) {
        print(Narration.of(event));
    }
}
