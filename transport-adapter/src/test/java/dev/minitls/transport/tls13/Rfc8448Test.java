package dev.minitls.transport.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Extension.ClientKeyShares;
import dev.minitls.domain.tls13.Extension.KeyShareEntry;
import dev.minitls.domain.tls13.Extension.OfferedVersions;
import dev.minitls.domain.tls13.Extension.SelectedVersion;
import dev.minitls.domain.tls13.Extension.ServerKeyShare;
import dev.minitls.domain.tls13.Extension.ServerName;
import dev.minitls.domain.tls13.Extension.SupportedGroups;
import dev.minitls.domain.tls13.Extension.Unknown;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec and the record layer against RFC 8448 section 3 ({@code rfc8448-1rtt.json}): every handshake message
 * decodes to the RFC's values and encodes back to its bytes; every record opens to the RFC's plaintext and seals
 * back to the RFC's bytes (AES-128-GCM, with the RFC's traffic keys).
 */
class Rfc8448Test {

    private final HandshakeCodec codec = new HandshakeCodec();
    private Rfc8448 rfc;

    @BeforeEach
    void load() {
        rfc = Rfc8448.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_hello.message", "server_hello.message",
        "server_encrypted_flight.encrypted_extensions", "server_encrypted_flight.certificate",
        "server_encrypted_flight.certificate_verify", "server_encrypted_flight.finished",
        "client_finished.message", "new_session_ticket.message"})
    void eachHandshakeMessageDecodesAndEncodesBackByteForByte(String path) {
        byte[] message = rfc.hex(path);

        assertThat(codec.encode(codec.decode(message))).isEqualTo(message);
    }

    @Test
    void theClientHelloHoldsTheRfcsValues() {
        ClientHello hello = (ClientHello) codec.decode(rfc.hex("client_hello.message"));

        assertThat(hello.legacyVersion()).isEqualTo(HandshakeMessage.TLS_1_2);
        assertThat(hello.legacySessionId()).isEmpty();
        assertThat(hello.cipherSuites()).containsExactly(CipherSuite.TLS_AES_128_GCM_SHA256,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384);
        assertThat(hello.legacyCompressionMethods()).containsExactly(0);
        assertThat(hello.extensions()).contains(new ServerName(List.of("server")))
                .contains(new OfferedVersions(List.of(HandshakeMessage.TLS_1_3)));
        ClientKeyShares shares = find(hello.extensions(), ClientKeyShares.class);
        assertThat(shares.shares()).singleElement().satisfies(share -> {
            assertThat(share.group()).isEqualTo(NamedGroup.X25519);
            assertThat(share.keyExchange()).isEqualTo(rfc.hex("x25519.client_public"));
        });
        assertThat(find(hello.extensions(), SupportedGroups.class).groups()).startsWith(NamedGroup.X25519,
                NamedGroup.SECP256R1).extracting(NamedGroup::name).contains("ffdhe2048");
        // renegotiation_info, session_ticket, record_size_limit: kept whole
        assertThat(hello.extensions()).filteredOn(Unknown.class::isInstance)
                .extracting(extension -> ((Unknown) extension).type()).containsExactly(0xff01, 35, 28);
    }

    @Test
    void theServerHelloHoldsTheRfcsValuesAndIsNoHelloRetryRequest() {
        ServerHello hello = (ServerHello) codec.decode(rfc.hex("server_hello.message"));

        assertThat(hello.isHelloRetryRequest()).isFalse();
        assertThat(hello.cipherSuite()).isEqualTo(CipherSuite.TLS_AES_128_GCM_SHA256);
        assertThat(hello.extensions()).hasSize(2).contains(new SelectedVersion(HandshakeMessage.TLS_1_3));
        KeyShareEntry share = find(hello.extensions(), ServerKeyShare.class).share();
        assertThat(share.group()).isEqualTo(NamedGroup.X25519);
        assertThat(share.keyExchange()).isEqualTo(rfc.hex("x25519.server_public"));
    }

    @Test
    void theServerFlightHoldsTheRfcsValues() {
        EncryptedExtensions extensions = (EncryptedExtensions) codec.decode(
                rfc.hex("server_encrypted_flight.encrypted_extensions"));
        CertificateMessage certificate = (CertificateMessage) codec.decode(
                rfc.hex("server_encrypted_flight.certificate"));
        CertificateVerify verify = (CertificateVerify) codec.decode(
                rfc.hex("server_encrypted_flight.certificate_verify"));
        Finished finished = (Finished) codec.decode(rfc.hex("server_encrypted_flight.finished"));

        assertThat(extensions.extensions()).contains(new ServerName(List.of()));
        assertThat(certificate.requestContext()).isEmpty();
        assertThat(certificate.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.der()).isEqualTo(rfc.hex("server_certificate.der"));
            assertThat(entry.extensions()).isEmpty();
        });
        assertThat(verify.scheme()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertThat(verify.signature()).isEqualTo(rfc.hex("certificate_verify.signature"));
        assertThat(finished.verifyData()).isEqualTo(rfc.hex("finished.server_verify_data"));
    }

    @Test
    void theNewSessionTicketHoldsTheRfcsValues() {
        NewSessionTicket ticket = (NewSessionTicket) codec.decode(rfc.hex("new_session_ticket.message"));

        assertThat(ticket.lifetimeSeconds()).isEqualTo(rfc.number("new_session_ticket.ticket_lifetime"));
        assertThat(ticket.ageAdd()).isEqualTo(rfc.number("new_session_ticket.ticket_age_add"));
        assertThat(ticket.nonce()).isEqualTo(rfc.hex("new_session_ticket.ticket_nonce"));
        assertThat(ticket.ticket()).isEqualTo(rfc.hex("new_session_ticket.ticket"));
        // early_data, holding max_early_data_size
        assertThat(ticket.extensions()).singleElement().isInstanceOfSatisfying(Unknown.class, early -> {
            assertThat(early.type()).isEqualTo(42);
            assertThat(new WireReader("early_data", early.data()).u32("max_early_data_size"))
                    .isEqualTo(rfc.number("new_session_ticket.max_early_data_size"));
        });
    }

    @Test
    void theClearHelloRecordsAreReadAsTheyCame() throws IOException {
        RecordReader server = RecordReader.server(new ByteArrayInputStream(rfc.hex("client_hello.record")));
        RecordReader client = RecordReader.client(new ByteArrayInputStream(rfc.hex("server_hello.record")));

        TlsRecord clientHello = server.next();
        TlsRecord serverHello = client.next();

        assertThat(clientHello.legacyVersion()).isEqualTo(TlsRecord.TLS_1_0);
        assertThat(clientHello.fragment()).isEqualTo(rfc.hex("client_hello.message"));
        assertThat(clientHello.encode()).isEqualTo(rfc.hex("client_hello.record"));
        assertThat(serverHello.type()).isEqualTo(RecordContentType.HANDSHAKE);
        assertThat(serverHello.fragment()).isEqualTo(rfc.hex("server_hello.message"));
        assertThat(serverHello.encode()).isEqualTo(rfc.hex("server_hello.record"));
    }

    @Test
    void theServerFlightOpensToFourCoalescedMessagesAndSealsBackToTheRfcsRecord() throws IOException {
        String path = "server_encrypted_flight.record";
        TlsRecord record = RecordReader.client(new ByteArrayInputStream(rfc.hex(path))).next();

        InnerPlaintext inner = rfc.keysOf(path).open(record);

        assertThat(inner.type()).isEqualTo(RecordContentType.HANDSHAKE);
        assertThat(inner.content()).isEqualTo(rfc.hex("server_encrypted_flight.payload"));
        HandshakeReassembler reassembler = new HandshakeReassembler();
        reassembler.add(inner.content());
        List<byte[]> messages = new ArrayList<>();
        reassembler.next().ifPresent(messages::add);
        reassembler.next().ifPresent(messages::add);
        reassembler.next().ifPresent(messages::add);
        reassembler.next().ifPresent(messages::add);
        assertThat(messages).containsExactly(rfc.hex("server_encrypted_flight.encrypted_extensions"),
                rfc.hex("server_encrypted_flight.certificate"), rfc.hex("server_encrypted_flight.certificate_verify"),
                rfc.hex("server_encrypted_flight.finished"));
        assertThat(reassembler.isEmpty()).isTrue();
        assertThat(rfc.keysOf(path).seal(inner, 0)).isEqualTo(rfc.hex(path));
    }

    @Test
    void theClientFinishedRecordOpensAndSealsBack() {
        assertRecord("client_finished.record", RecordContentType.HANDSHAKE, rfc.hex("client_finished.message"));
    }

    @Test
    void theServersApplicationRecordsOpenInSequenceAndSealBack() {
        RecordProtection opener = rfc.keysOf("new_session_ticket.record");
        RecordProtection sealer = rfc.keysOf("new_session_ticket.record");
        List<String> paths = List.of("new_session_ticket.record", "application_data.server_record",
                "alerts.server_record");
        List<byte[]> contents = List.of(rfc.hex("new_session_ticket.message"), rfc.hex("application_data.payload"),
                rfc.hex("alerts.close_notify_payload"));
        List<RecordContentType> types = List.of(RecordContentType.HANDSHAKE, RecordContentType.APPLICATION_DATA,
                RecordContentType.ALERT);

        for (int i = 0; i < paths.size(); i++) {
            byte[] bytes = rfc.hex(paths.get(i));
            InnerPlaintext inner = opener.open(recordOf(bytes));
            assertThat(inner.type()).as(paths.get(i)).isEqualTo(types.get(i));
            assertThat(inner.content()).as(paths.get(i)).isEqualTo(contents.get(i));
            assertThat(sealer.seal(inner, 0)).as(paths.get(i)).isEqualTo(bytes);
        }
    }

    @Test
    void theClientsApplicationRecordsOpenInSequenceAndSealBack() {
        RecordProtection opener = rfc.keysOf("application_data.client_record");
        RecordProtection sealer = rfc.keysOf("application_data.client_record");

        InnerPlaintext data = opener.open(recordOf(rfc.hex("application_data.client_record")));
        InnerPlaintext alert = opener.open(recordOf(rfc.hex("alerts.client_record")));

        assertThat(data.content()).isEqualTo(rfc.hex("application_data.payload"));
        assertThat(alert.type()).isEqualTo(RecordContentType.ALERT);
        assertThat(AlertCodec.decode(alert.content())).isEqualTo(Alert.CLOSE_NOTIFY);
        assertThat(AlertCodec.encode(Alert.CLOSE_NOTIFY)).isEqualTo(rfc.hex("alerts.close_notify_payload"));
        assertThat(sealer.seal(data, 0)).isEqualTo(rfc.hex("application_data.client_record"));
        assertThat(sealer.seal(alert, 0)).isEqualTo(rfc.hex("alerts.client_record"));
    }

    private void assertRecord(String path, RecordContentType type, byte[] content) {
        InnerPlaintext inner = rfc.keysOf(path).open(recordOf(rfc.hex(path)));

        assertThat(inner.type()).isEqualTo(type);
        assertThat(inner.content()).isEqualTo(content);
        assertThat(rfc.keysOf(path).seal(inner, 0)).isEqualTo(rfc.hex(path));
    }

    private static TlsRecord recordOf(byte[] bytes) {
        try {
            return RecordReader.client(new ByteArrayInputStream(bytes)).next();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T extends Extension> T find(List<Extension> extensions, Class<T> type) {
        return extensions.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
