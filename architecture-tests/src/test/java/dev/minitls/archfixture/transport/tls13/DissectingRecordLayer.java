package dev.minitls.archfixture.transport.tls13;

import dev.minitls.archfixture.transport.tls13.dissect.FieldView;

/** Breaks rule 12: a connection's record layer depends on the dissector. */
public final class DissectingRecordLayer {

    String read(byte[] record) {
        return new FieldView().name(record);
    }
}
