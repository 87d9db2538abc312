package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.flipBit;
import static dev.minitls.domain.handshake.V2Handshakes.ALERT;
import static dev.minitls.domain.handshake.V2Handshakes.APPLICATION_DATA;
import static dev.minitls.domain.handshake.V2Handshakes.CODEC;
import static dev.minitls.domain.handshake.V2Handshakes.HANDSHAKE;
import static dev.minitls.domain.handshake.V2Handshakes.alertLine;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.associatedData;
import static dev.minitls.domain.handshake.V2Handshakes.content;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.open;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static dev.minitls.domain.handshake.V2Handshakes.record;
import static dev.minitls.domain.handshake.V2Handshakes.seal;
import static dev.minitls.domain.handshake.V2Handshakes.withType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.port.Aead;
import dev.minitls.testing.FakeTransport.Fault;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol v2's encrypted handshake: the records that carry Certificate, CertificateVerify and both Finished,
 * changed, lost, repeated, reordered, resealed with other associated data or keys, or holding another content type.
 * The side that sees it fails with its own failure, sends exactly one alert under its handshake key, and the other
 * side is told that alert.
 */
class V2HandshakeRecordTest {

    private final Wire wire = new Wire();

    /** A fault on the records a side receives, and the failure, its whole message and its alert. */
    record Case(String name, Function<Wire, Fault> fault, Failure failure, String message, Alert alert) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String FAILED_AUTHENTICATION = "record rejected: record %d failed authentication";

    // Where in a ciphertext of the given length a bit is flipped.
    private static final IntUnaryOperator FIRST_BYTE = length -> 0;
    private static final IntUnaryOperator CONTENT_TYPE_BYTE = length -> length - Aead.TAG_LENGTH - 1;
    private static final IntUnaryOperator LAST_TAG_BYTE = length -> length - 1;

    /** What a client can find wrong in the server's records Certificate (0), CertificateVerify (1), Finished (2). */
    static Stream<Case> serverRecords() {
        return Stream.of(
                // tampered
                flipped("Certificate: a ciphertext bit flipped", CERTIFICATE, 0, FIRST_BYTE),
                flipped("CertificateVerify: a ciphertext bit flipped", CERTIFICATE_VERIFY, 1, FIRST_BYTE),
                flipped("server Finished: a ciphertext bit flipped", SERVER_FINISHED, 2, FIRST_BYTE),
                flipped("Certificate: the content-type byte flipped", CERTIFICATE, 0, CONTENT_TYPE_BYTE),
                flipped("server Finished: a tag bit flipped", SERVER_FINISHED, 2, LAST_TAG_BYTE),
                // out of sequence
                new Case("Certificate dropped", w -> Fault.drop(CERTIFICATE), Failure.UNEXPECTED_SEQUENCE,
                        "record rejected: sequence number 1 where 0 was expected", Alert.BAD_RECORD_MAC),
                new Case("CertificateVerify replayed", w -> Fault.duplicate(CERTIFICATE_VERIFY),
                        Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 1 where 2 was expected",
                        Alert.BAD_RECORD_MAC),
                new Case("Certificate and CertificateVerify swapped", w -> Fault.swapWithNext(CERTIFICATE),
                        Failure.UNEXPECTED_SEQUENCE, "record rejected: sequence number 1 where 0 was expected",
                        Alert.BAD_RECORD_MAC),
                // the right number on the wire, another one authenticated
                new Case("Certificate dropped, CertificateVerify renumbered 0", w -> dropThenRenumber(CERTIFICATE),
                        Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION.formatted(0), Alert.BAD_RECORD_MAC),
                new Case("Certificate resealed without associated data, as in v1",
                        w -> w.rewrite(CERTIFICATE, Keys.SERVER_HANDSHAKE, (k, seq, inner) ->
                                seal(k, seq, new byte[0], inner)),
                        Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION.formatted(0), Alert.BAD_RECORD_MAC),
                new Case("Certificate resealed with the next number in its associated data",
                        w -> w.rewrite(CERTIFICATE, Keys.SERVER_HANDSHAKE, (k, seq, inner) ->
                                seal(k, seq, associatedData(seq + 1, inner.length + Aead.TAG_LENGTH), inner)),
                        Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION.formatted(0), Alert.BAD_RECORD_MAC),
                new Case("Certificate resealed under the client's handshake key",
                        w -> w.rewrite(CERTIFICATE, Keys.SERVER_HANDSHAKE, (k, seq, inner) ->
                                seal(w.keys(Keys.CLIENT_HANDSHAKE), seq, inner)),
                        Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION.formatted(0), Alert.BAD_RECORD_MAC),
                // another content type or content
                new Case("Certificate as application data", w -> w.reseal(CERTIFICATE, Keys.SERVER_HANDSHAKE,
                        inner -> withType(inner, APPLICATION_DATA)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected Certificate, got application data", Alert.UNEXPECTED_MESSAGE),
                new Case("CertificateVerify as application data", w -> w.reseal(CERTIFICATE_VERIFY,
                        Keys.SERVER_HANDSHAKE, inner -> withType(inner, APPLICATION_DATA)),
                        Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected CertificateVerify, got application data",
                        Alert.UNEXPECTED_MESSAGE),
                new Case("server Finished as application data", w -> w.reseal(SERVER_FINISHED,
                        Keys.SERVER_HANDSHAKE, inner -> withType(inner, APPLICATION_DATA)),
                        Failure.UNEXPECTED_MESSAGE, "unexpected message: expected Finished, got application data",
                        Alert.UNEXPECTED_MESSAGE),
                new Case("Certificate as an alert", w -> w.reseal(CERTIFICATE, Keys.SERVER_HANDSHAKE,
                        inner -> withType(inner, ALERT)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected Certificate, got Certificate", Alert.UNEXPECTED_MESSAGE),
                new Case("Certificate of unknown content type 0x42", w -> w.reseal(CERTIFICATE,
                        Keys.SERVER_HANDSHAKE, inner -> withType(inner, 0x42)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: record 0 has no valid content type", Alert.UNEXPECTED_MESSAGE),
                new Case("Certificate of content type 0", w -> w.reseal(CERTIFICATE,
                        Keys.SERVER_HANDSHAKE, inner -> withType(inner, 0)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: record 0 has no valid content type", Alert.UNEXPECTED_MESSAGE),
                new Case("an empty plaintext instead of the Certificate", w -> w.reseal(CERTIFICATE,
                        Keys.SERVER_HANDSHAKE, inner -> new byte[0]), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: record 0 has no valid content type", Alert.UNEXPECTED_MESSAGE),
                new Case("a content type and no content instead of the Certificate", w -> w.reseal(CERTIFICATE,
                        Keys.SERVER_HANDSHAKE, inner -> new byte[] {HANDSHAKE}), Failure.MALFORMED_MESSAGE,
                        "malformed message: no newline", Alert.DECODE_ERROR),
                new Case("a CertificateVerify where the Certificate belongs", w -> w.reseal(CERTIFICATE,
                        Keys.SERVER_HANDSHAKE, inner -> inner(CODEC.encode(new CertificateVerify(new byte[64])),
                                HANDSHAKE)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected Certificate, got CertificateVerify", Alert.UNEXPECTED_MESSAGE),
                new Case("the Certificate in clear", w -> Fault.alter(CERTIFICATE, frame ->
                        content(open(w.keys(Keys.SERVER_HANDSHAKE), frame))), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected an encrypted record, got Certificate", Alert.UNEXPECTED_MESSAGE),
                // once the client has keys, an alert in clear can only be forged
                new Case("an alert in clear instead of the Certificate", w -> Fault.replace(CERTIFICATE,
                        alertLine(Alert.HANDSHAKE_FAILURE)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected an encrypted record, got Alert", Alert.UNEXPECTED_MESSAGE),
                // an authentic record whose Finished does not verify
                new Case("server Finished with another MAC", w -> w.reseal(SERVER_FINISHED, Keys.SERVER_HANDSHAKE,
                        inner -> inner(CODEC.encode(new Finished(new byte[32])), HANDSHAKE)), Failure.BAD_FINISHED,
                        "Finished rejected: the server's Finished MAC does not match the transcript",
                        Alert.DECRYPT_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverRecords")
    void clientRefusesTheServersRecordAndTellsTheServerWhy(Case c) {
        Handshakes.Run run = wire.run(Fault.NONE, c.fault().apply(wire));

        assertThat(run.clientFailed(c.failure())).hasMessage(c.message());
        wire.assertClientSentOnly(c.alert());
        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), c.alert());
    }

    /**
     * Inside an authentic record the content type says what the content is: an alert line in a record typed
     * handshake is no alert, as it is not after the handshake either ({@link V2SessionTest}).
     */
    @Test
    void anAlertLineInsideAHandshakeRecordIsAnUnexpectedMessage() {
        Handshakes.Run run = wire.run(Fault.NONE, wire.reseal(CERTIFICATE, Keys.SERVER_HANDSHAKE,
                inner -> inner(alertLine(Alert.HANDSHAKE_FAILURE), HANDSHAKE)));

        run.clientFailed(Failure.UNEXPECTED_MESSAGE);
        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), Alert.UNEXPECTED_MESSAGE);
    }

    /** What a server can find wrong in the client's Finished record. */
    static Stream<Case> clientFinishedRecord() {
        return Stream.of(
                flipped("a ciphertext bit flipped", CLIENT_FINISHED, 0, FIRST_BYTE),
                new Case("resealed without associated data, as in v1",
                        w -> w.rewrite(CLIENT_FINISHED, Keys.CLIENT_HANDSHAKE, (k, seq, inner) ->
                                seal(k, seq, new byte[0], inner)),
                        Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION.formatted(0), Alert.BAD_RECORD_MAC),
                new Case("as application data", w -> w.reseal(CLIENT_FINISHED, Keys.CLIENT_HANDSHAKE,
                        inner -> withType(inner, APPLICATION_DATA)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected Finished, got application data", Alert.UNEXPECTED_MESSAGE),
                new Case("of unknown content type 0x42", w -> w.reseal(CLIENT_FINISHED, Keys.CLIENT_HANDSHAKE,
                        inner -> withType(inner, 0x42)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: record 0 has no valid content type", Alert.UNEXPECTED_MESSAGE),
                new Case("with another MAC", w -> w.reseal(CLIENT_FINISHED, Keys.CLIENT_HANDSHAKE,
                        inner -> inner(CODEC.encode(new Finished(new byte[32])), HANDSHAKE)), Failure.BAD_FINISHED,
                        "Finished rejected: the client's Finished MAC does not match the transcript",
                        Alert.DECRYPT_ERROR));
    }

    /**
     * The client has its channel once it sent its Finished; the server's refusal reaches it as the alert when it
     * next reads, as in TLS 1.3, where the server writes under its application key once its own Finished is sent.
     */
    @ParameterizedTest(name = "client Finished {0}")
    @MethodSource("clientFinishedRecord")
    void serverRefusesTheClientsFinishedRecordAndTellsTheClientWhy(Case c) {
        Handshakes.Run run = wire.run(c.fault().apply(wire), Fault.NONE);

        assertThat(run.serverFailed(c.failure())).hasMessage(c.message());
        assertThat(wire.fromServer()).as("four handshake frames and one alert").hasSize(SERVER_FINISHED + 2);
        assertToldOf(receiveFails(run.clientConnected()), c.alert());
    }

    /** Frame {@code n}, record {@code number}, with a bit of its ciphertext flipped at {@code position}. */
    private static Case flipped(String name, int n, int number, IntUnaryOperator position) {
        Fault flip = Fault.alter(n, frame -> {
            ApplicationRecord r = record(frame);
            return CODEC.encode(new ApplicationRecord(r.sequence(),
                    flipBit(r.ciphertext(), position.applyAsInt(r.ciphertext().length))));
        });
        return new Case(name, w -> flip, Failure.BAD_RECORD_MAC, FAILED_AUTHENTICATION.formatted(number),
                Alert.BAD_RECORD_MAC);
    }

    /** Drops record frame {@code n} and numbers the next one as it was, so its number is the expected one. */
    private static Fault dropThenRenumber(int n) {
        return (index, frame) -> {
            if (index == n) {
                return List.of();
            }
            return List.of(index == n + 1 ? CODEC.encode(new ApplicationRecord(record(frame).sequence() - 1,
                    record(frame).ciphertext())) : frame);
        };
    }
}
