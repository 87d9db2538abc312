package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.DissectorRfc8448Test.concat;
import static dev.minitls.transport.tls13.DissectorRfc8448Test.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.transport.tls13.dissect.DecodeError;
import dev.minitls.transport.tls13.dissect.Decryption;
import dev.minitls.transport.tls13.dissect.Dissection;
import dev.minitls.transport.tls13.dissect.Dissector;
import dev.minitls.transport.tls13.dissect.Hellos;
import dev.minitls.transport.tls13.dissect.KeySource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes: each stops the dissection with one error at the offset where it is, what came before it kept; and
 * whatever the bytes, nothing but a decode error ever comes out.
 */
class DissectorMalformedTest {

    private static final HexFormat HEX = HexFormat.of();
    /** A Finished message of 4 bytes, in a clear handshake record: 16 0303 0008 | 14 000004 | 01020304. */
    private static final byte[] FINISHED_RECORD = HEX.parseHex("1603030008" + "14000004" + "01020304");

    @Test
    void aRecordCutShortSaysHowManyBytesAreMissing() {
        byte[] cut = Arrays.copyOf(FINISHED_RECORD, 10);

        assertThat(error(cut)).isEqualTo(new DecodeError(5,
                "the stream ends inside the record: its length says 8 bytes, only 5 are left"));
    }

    @Test
    void aHeaderCutShortIsTold() {
        byte[] stream = concat(FINISHED_RECORD, HEX.parseHex("1603"));

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, KeySource.NONE);

        assertThat(dissection.records()).hasSize(1);
        assertThat(dissection.error()).contains(new DecodeError(13,
                "the stream ends inside a record header: 2 of its 5 bytes"));
    }

    @Test
    void anUnknownRecordTypeIsRefusedAtItsByte() {
        byte[] stream = concat(FINISHED_RECORD, HEX.parseHex("1803030001ff"));

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, KeySource.NONE);

        assertThat(dissection.records()).hasSize(2);
        assertThat(dissection.error()).contains(new DecodeError(13, "content type 24; a TLS 1.3 record is"
                + " change_cipher_spec (20), alert (21), handshake (22) or application_data (23)"));
    }

    @Test
    void aBadLengthInsideAMessageIsRefusedAtThatLengthWithTheFieldsBeforeItShown() {
        byte[] hello = Rfc8448.load().hex("client_hello.message");
        byte[] bad = hello.clone();
        int suitesAt = HandshakeCodec.HEADER_LENGTH + 2 + 32 + 1; // header, legacy_version, random, empty session id
        bad[suitesAt] = 1; // cipher_suites' length: 0x01.., past the end of the message
        int left = bad.length - suitesAt - 2;

        Dissection dissection = Dissector.dissect(record(bad), Hellos.NONE, KeySource.NONE);

        assertThat(dissection.error()).contains(new DecodeError(TlsRecord.HEADER_LENGTH + suitesAt,
                "cipher_suites says " + ((bad[suitesAt] & 0xFF) << 8 | bad[suitesAt + 1] & 0xFF) + " bytes, only "
                        + left + " left"));
        assertThat(dissection.records().get(0).child("ClientHello").orElseThrow().children())
                .extracting(field -> field.name())
                .containsExactly("msg_type", "length", "legacy_version", "random", "legacy_session_id");
    }

    @Test
    void aMessageLengthThatDisagreesWithItsRecordIsRefused() {
        byte[] stream = HEX.parseHex("1603030009" + "14000004" + "01020304" + "ff");

        assertThat(error(stream)).isEqualTo(new DecodeError(stream.length, "the stream ends inside a handshake"
                + " message: 1 of its bytes came in the last 1 record(s)"));
    }

    @Test
    void aRecordVersionOtherThanTls12IsRefused() {
        byte[] stream = HEX.parseHex("1603040008" + "14000004" + "01020304");

        assertThat(error(stream)).isEqualTo(new DecodeError(1, "legacy_record_version 0x0304; TLS 1.3 records say"
                + " 0x0303 (a first ClientHello's record may say 0x0301)"));
    }

    @Test
    void aProtectedRecordTooShortForItsTagIsRefused() {
        assertThat(error(HEX.parseHex("170303000401020304"))).isEqualTo(new DecodeError(5,
                "a protected record of 4 bytes is too short for its 16-byte tag"));
    }

    @Test
    void aDecryptedRecordOfZerosOnlyIsRefused() {
        byte[] serverHello = Rfc8448.load().hex("server_hello.record");
        byte[] zeros = new byte[8];
        JdkAead aead = new JdkAead(new byte[16]);
        byte[] iv = new byte[12];
        byte[] header = HEX.parseHex("1703030018");
        byte[] sealed = aead.seal(iv, header, zeros);
        KeySource keys = (direction, epoch, hellos) -> Optional.of(new Decryption(new JdkAead(new byte[16]), iv,
                "test secret"));

        Dissection dissection = Dissector.dissect(concat(serverHello, header, sealed), Hellos.NONE, keys);

        assertThat(dissection.error()).contains(new DecodeError(serverHello.length,
                "the decrypted record: unexpected message: a decrypted record of zeros only, no type"));
    }

    @Property(tries = 2000)
    void arbitraryBytesGiveADissectionNeverAnotherException(@ForAll @Size(max = 300) byte[] bytes) {
        Dissection dissection = Dissector.dissect(bytes, Hellos.NONE, KeySource.NONE);

        dissection.error().ifPresent(error -> assertThat(error.offset()).isBetween(0, bytes.length));
    }

    @Property(tries = 2000)
    void aRealStreamWithABitFlippedOrCutGivesADissectionNeverAnotherException(
            @ForAll("damagedServerStreams") byte[] stream) {
        KeySource keys = (direction, epoch, hellos) -> Optional.of(new Decryption(new JdkAead(new byte[16]),
                new byte[12], "test secret"));

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, keys);

        dissection.error().ifPresent(error -> assertThat(error.offset()).isBetween(0, stream.length));
    }

    @Provide
    Arbitrary<byte[]> damagedServerStreams() {
        Rfc8448 rfc = Rfc8448.load();
        byte[] stream = concat(rfc.hex("client_hello.record"), rfc.hex("server_hello.record"),
                FINISHED_RECORD);
        return Arbitraries.integers().between(0, stream.length * 8 - 1).flatMap(bit -> Arbitraries.integers()
                .between(0, stream.length).map(cut -> {
                    byte[] damaged = Arrays.copyOf(stream, cut);
                    if (bit / 8 < cut) {
                        damaged[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    return damaged;
                }));
    }

    private static DecodeError error(byte[] stream) {
        return Dissector.dissect(stream, Hellos.NONE, KeySource.NONE).error().orElseThrow();
    }
}
