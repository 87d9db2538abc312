package dev.minitls.transport.tls13.dissect;

import java.util.List;
import java.util.Optional;

/**
 * A captured stream of one direction, dissected: every record read, field by field, and, when the bytes went wrong,
 * the error that stopped the reading (the records hold what was read up to it).
 *
 * @param direction who sent the stream, told by its first handshake message; empty when it has none
 * @param records the records, in order, each a {@link Field} tree
 * @param hellos what this stream's own hellos said: the client random of its ClientHello or the suite its
 *     ServerHello chose
 * @param error why the dissection stopped before the end, when it did
 */
public record Dissection(Optional<Direction> direction, List<Field> records, Hellos hellos,
        Optional<DecodeError> error) {

    public Dissection {
        records = List.copyOf(records);
    }
}
