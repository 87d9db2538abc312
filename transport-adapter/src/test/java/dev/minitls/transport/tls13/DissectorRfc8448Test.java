package dev.minitls.transport.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.transport.tls13.dissect.Decryption;
import dev.minitls.transport.tls13.dissect.Direction;
import dev.minitls.transport.tls13.dissect.Dissection;
import dev.minitls.transport.tls13.dissect.Dissector;
import dev.minitls.transport.tls13.dissect.Epoch;
import dev.minitls.transport.tls13.dissect.Field;
import dev.minitls.transport.tls13.dissect.Field.Space;
import dev.minitls.transport.tls13.dissect.Hellos;
import dev.minitls.transport.tls13.dissect.KeySource;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dissector against RFC 8448 section 3: every field of the hellos at the offset where its bytes are, each named
 * as RFC 8446 names it; the server's flight decrypted with the RFC's keys into its four messages, then the ticket,
 * the data and the close_notify. Offsets are found in the RFC's bytes here, never written down twice.
 */
class DissectorRfc8448Test {

    private Rfc8448 rfc;

    @BeforeEach
    void load() {
        rfc = Rfc8448.load();
    }

    @Test
    void theClientHelloRecordIsDissectedFieldByFieldAtTheOffsetsOfItsBytes() {
        byte[] record = rfc.hex("client_hello.record");

        Dissection dissection = Dissector.dissect(record, Hellos.NONE, KeySource.NONE);

        assertThat(dissection.error()).isEmpty();
        assertThat(dissection.direction()).contains(Direction.CLIENT);
        assertThat(dissection.records()).hasSize(1);
        Field tls = dissection.records().get(0);
        assertEveryFieldIsItsBytes(tls, record);
        assertThat(leafNames(tls)).contains("type", "legacy_record_version", "length", "msg_type",
                "legacy_version", "random", "cipher_suite", "compression_method", "extension_type", "host_name",
                "named_group", "group", "key_exchange", "version", "signature_scheme", "ke_mode");
        Field hello = tls.child("ClientHello").orElseThrow();
        assertThat(hello.offset()).isEqualTo(TlsRecord.HEADER_LENGTH);
        Field random = hello.child("random").orElseThrow();
        assertThat(random.offset()).isEqualTo(TlsRecord.HEADER_LENGTH + HandshakeCodec.HEADER_LENGTH + 2);
        assertThat(dissection.hellos().clientRandom()).hasValueSatisfying(
                value -> assertThat(value).isEqualTo(random.bytes()));

        byte[] share = rfc.hex("x25519.client_public");
        int shareAt = indexOf(record, share);
        Field keyExchange = find(tls, field -> field.name().equals("key_exchange") && field.children().isEmpty());
        assertThat(keyExchange.offset()).isEqualTo(shareAt);
        Field entry = find(tls, field -> field.name().equals("KeyShareEntry"));
        assertThat(entry.offset()).isEqualTo(shareAt - 4);
        assertThat(entry.meaning()).isEqualTo("0x001d x25519");
        assertThat(entry.child("group").orElseThrow().meaning()).isEqualTo("0x001d x25519");

        List<String> suites = all(tls, field -> field.name().equals("cipher_suite")).stream().map(Field::meaning)
                .toList();
        assertThat(suites).containsExactly("0x1301 TLS_AES_128_GCM_SHA256", "0x1303 TLS_CHACHA20_POLY1305_SHA256",
                "0x1302 TLS_AES_256_GCM_SHA384");
        assertThat(find(tls, field -> field.name().equals("host_name") && field.children().isEmpty()).meaning())
                .isEqualTo("\"server\"");
        assertThat(find(tls, field -> field.name().equals("host_name") && field.children().isEmpty()).offset())
                .isEqualTo(indexOf(record, "server".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(all(tls, field -> field.name().equals("extension_type")).stream().map(Field::meaning))
                .contains("0x0000 server_name", "0x000a supported_groups", "0x0033 key_share",
                        "0x002b supported_versions", "0x000d signature_algorithms", "0x002d psk_key_exchange_modes",
                        "0xff01 renegotiation_info", "0x001c record_size_limit");
        assertThat(find(tls, field -> field.name().equals("version")).meaning()).isEqualTo("0x0304 TLS 1.3");
    }

    @Test
    void theServerHelloRecordNamesTheSuiteAndTheServersShare() {
        byte[] record = rfc.hex("server_hello.record");

        Dissection dissection = Dissector.dissect(record, Hellos.NONE, KeySource.NONE);

        assertThat(dissection.error()).isEmpty();
        assertThat(dissection.direction()).contains(Direction.SERVER);
        Field tls = dissection.records().get(0);
        assertEveryFieldIsItsBytes(tls, record);
        Field hello = tls.child("ServerHello").orElseThrow();
        assertThat(hello.child("cipher_suite").orElseThrow().meaning()).isEqualTo("0x1301 TLS_AES_128_GCM_SHA256");
        assertThat(hello.child("random").orElseThrow().meaning()).isEqualTo("32 random bytes");
        assertThat(names(hello)).contains("legacy_session_id_echo", "legacy_compression_method",
                "selected_version");
        byte[] share = rfc.hex("x25519.server_public");
        assertThat(find(tls, field -> field.name().equals("key_exchange") && field.children().isEmpty()).offset())
                .isEqualTo(indexOf(record, share));
        assertThat(dissection.hellos().suite().map(Object::toString)).contains("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void theServersWholeStreamDecryptsWithItsKeys() {
        byte[] stream = concat(rfc.hex("server_hello.record"), rfc.hex("server_encrypted_flight.record"),
                rfc.hex("new_session_ticket.record"), rfc.hex("application_data.server_record"),
                rfc.hex("alerts.server_record"));

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, rfcKeys());

        assertThat(dissection.error()).isEmpty();
        assertThat(dissection.records()).hasSize(5);
        Field flight = dissection.records().get(1);
        assertThat(flight.offset()).isEqualTo(rfc.hex("server_hello.record").length);
        Field decryption = flight.child("decryption").orElseThrow();
        assertThat(decryption.child("nonce").orElseThrow().bytes())
                .isEqualTo(rfc.hex("traffic_keys.server_handshake.iv"));
        Field inner = decryption.child("TLSInnerPlaintext").orElseThrow();
        assertThat(inner.child("type").orElseThrow().meaning()).startsWith("22 handshake");
        assertThat(inner.child("content").orElseThrow().children()).extracting(Field::name)
                .containsExactly("EncryptedExtensions", "Certificate", "CertificateVerify", "Finished");
        assertThat(inner.child("content").orElseThrow().child("Certificate").orElseThrow().bytes())
                .isEqualTo(rfc.hex("server_encrypted_flight.certificate"));
        assertThat(find(inner, field -> field.name().equals("cert_data") && field.children().isEmpty()).bytes())
                .isEqualTo(rfc.hex("server_certificate.der"));
        assertThat(find(inner, field -> field.name().equals("algorithm")).meaning())
                .isEqualTo("0x0804 rsa_pss_rsae_sha256");
        // After the server's Finished: the application keys, from sequence number 0.
        Field ticket = dissection.records().get(2).child("decryption").orElseThrow();
        assertThat(ticket.meaning()).isEqualTo("record 0 under server_application_traffic_secret_0");
        assertThat(find(ticket, field -> field.name().equals("NewSessionTicket")).bytes())
                .isEqualTo(rfc.hex("new_session_ticket.message"));
        Field data = dissection.records().get(3).child("decryption").orElseThrow();
        assertThat(data.child("nonce").orElseThrow().bytes()).isEqualTo(xorLast(
                rfc.hex("traffic_keys.server_application.iv"), 1));
        assertThat(find(data, field -> field.name().equals("application_data")).bytes())
                .isEqualTo(rfc.hex("application_data.payload"));
        Field alert = dissection.records().get(4).child("decryption").orElseThrow();
        assertThat(find(alert, field -> field.name().equals("description")).meaning()).isEqualTo("close_notify");
    }

    @Test
    void withoutKeysTheProtectedRecordsShowTheirCiphertextAndTag() {
        byte[] stream = concat(rfc.hex("server_hello.record"), rfc.hex("server_encrypted_flight.record"));
        byte[] flight = rfc.hex("server_encrypted_flight.record");

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, KeySource.NONE);

        assertThat(dissection.error()).isEmpty();
        Field record = dissection.records().get(1);
        assertEveryFieldIsItsBytes(record, stream);
        assertThat(record.child("tag").orElseThrow().bytes())
                .isEqualTo(Arrays.copyOfRange(flight, flight.length - 16, flight.length));
        assertThat(record.child("not decrypted").orElseThrow().meaning())
                .isEqualTo("no key for the server handshake traffic secret");
    }

    @Test
    void theWrongKeyStopsAtTheRecordItCannotOpen() {
        byte[] hello = rfc.hex("server_hello.record");
        byte[] stream = concat(hello, rfc.hex("server_encrypted_flight.record"));
        KeySource wrong = (direction, epoch, hellos) -> Optional.of(new Decryption(
                new JdkAead(rfc.hex("traffic_keys.client_handshake.key")), rfc.hex("traffic_keys.client_handshake.iv"),
                "server_handshake_traffic_secret"));

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, wrong);

        assertThat(dissection.records()).hasSize(2);
        assertThat(dissection.error()).hasValueSatisfying(error -> {
            assertThat(error.offset()).isEqualTo(hello.length);
            assertThat(error.message()).isEqualTo("at byte 95 (0x005f): the record failed authentication under"
                    + " server_handshake_traffic_secret (sequence number 0): the key log's secret is not this"
                    + " connection's, or the record was changed");
        });
    }

    @Test
    void aMessageSplitAcrossRecordsAndMessagesCoalescedInOneAreCutApartAsTheRecordLayerDoes() {
        byte[] clientHello = rfc.hex("client_hello.message");
        byte[] first = Arrays.copyOf(clientHello, 3);
        byte[] second = Arrays.copyOfRange(clientHello, 3, 100);
        byte[] third = Arrays.copyOfRange(clientHello, 100, clientHello.length);
        byte[] stream = concat(record(first), record(second), record(third));

        Dissection dissection = Dissector.dissect(stream, Hellos.NONE, KeySource.NONE);

        assertThat(dissection.error()).isEmpty();
        assertThat(dissection.records()).hasSize(3);
        assertThat(dissection.records().get(0).child("handshake fragment").orElseThrow().meaning())
                .isEqualTo("bytes 0 to 2 of a handshake message split across records");
        Field reassembled = dissection.records().get(2).child("reassembled").orElseThrow();
        assertThat(reassembled.space()).isEqualTo(Space.MESSAGE);
        assertThat(reassembled.meaning()).isEqualTo("from 3 records");
        assertThat(reassembled.child("ClientHello").orElseThrow().bytes()).isEqualTo(clientHello);
        assertThat(dissection.hellos().clientRandom()).isPresent();
    }

    private KeySource rfcKeys() {
        return (direction, epoch, hellos) -> {
            assertThat(direction).isEqualTo(Direction.SERVER);
            String keys = epoch == Epoch.HANDSHAKE ? "server_handshake" : "server_application";
            String secret = epoch == Epoch.HANDSHAKE ? "server_handshake_traffic_secret"
                    : "server_application_traffic_secret_0";
            return Optional.of(new Decryption(new JdkAead(rfc.hex("traffic_keys." + keys + ".key")),
                    rfc.hex("traffic_keys." + keys + ".iv"), secret));
        };
    }

    /** Each field in the stream holds the stream's bytes at its offset, and a structure is its children's bytes. */
    static void assertEveryFieldIsItsBytes(Field field, byte[] stream) {
        if (field.space() == Space.STREAM) {
            assertThat(field.bytes()).as(field.toString())
                    .isEqualTo(Arrays.copyOfRange(stream, field.offset(), field.offset() + field.length()));
        }
        List<Field> inStream = field.children().stream().filter(child -> child.space() == field.space()).toList();
        if (!inStream.isEmpty()) {
            int at = field.offset();
            for (Field child : inStream) {
                assertThat(child.offset()).as("%s inside %s", child, field).isEqualTo(at);
                at += child.length();
            }
            assertThat(at).as("the children of %s cover it", field).isEqualTo(field.offset() + field.length());
        }
        field.children().forEach(child -> assertEveryFieldIsItsBytes(child, stream));
    }

    static List<String> leafNames(Field field) {
        return all(field, child -> child.children().isEmpty()).stream().map(Field::name).toList();
    }

    static List<String> names(Field field) {
        return all(field, child -> true).stream().map(Field::name).toList();
    }

    static Field find(Field field, Predicate<Field> which) {
        return all(field, which).stream().findFirst().orElseThrow(() -> new AssertionError("no such field in "
                + field));
    }

    static List<Field> all(Field field, Predicate<Field> which) {
        List<Field> found = new ArrayList<>();
        if (which.test(field)) {
            found.add(field);
        }
        field.children().forEach(child -> found.addAll(all(child, which)));
        return found;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError(HexFormat.of().formatHex(needle) + " is not in the bytes");
    }

    static byte[] record(byte[] handshake) {
        return new TlsRecord(dev.minitls.domain.tls13.RecordContentType.HANDSHAKE, handshake).encode();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] xorLast(byte[] iv, int sequence) {
        byte[] nonce = iv.clone();
        nonce[nonce.length - 1] ^= (byte) sequence;
        return nonce;
    }
}
