package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.Tls13Assertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Extension.ClientKeyShares;
import dev.minitls.domain.tls13.Extension.Cookie;
import dev.minitls.domain.tls13.Extension.KeyShareEntry;
import dev.minitls.domain.tls13.Extension.OfferedVersions;
import dev.minitls.domain.tls13.Extension.PskKeyExchangeModes;
import dev.minitls.domain.tls13.Extension.RetryKeyShare;
import dev.minitls.domain.tls13.Extension.SelectedVersion;
import dev.minitls.domain.tls13.Extension.ServerKeyShare;
import dev.minitls.domain.tls13.Extension.ServerName;
import dev.minitls.domain.tls13.Extension.SignatureAlgorithms;
import dev.minitls.domain.tls13.Extension.SignatureAlgorithmsCert;
import dev.minitls.domain.tls13.Extension.SupportedGroups;
import dev.minitls.domain.tls13.Extension.Unknown;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake codec on messages built here: every form round-trips, and every malformed one is refused. */
class HandshakeCodecTest {

    private static final HandshakeCodec CODEC = new HandshakeCodec();
    private static final byte[] RANDOM = filled(32, 0x11);
    private static final byte[] SESSION_ID = filled(32, 0x22);
    private static final KeyShareEntry X25519_SHARE = new KeyShareEntry(NamedGroup.X25519, filled(32, 0x33));

    static ClientHello clientHello(List<Extension> extensions) {
        return new ClientHello(HandshakeMessage.TLS_1_2, RANDOM, SESSION_ID,
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256, new CipherSuite(0x00ff)), new byte[] {0}, extensions);
    }

    static ServerHello serverHello(byte[] random, List<Extension> extensions) {
        return new ServerHello(HandshakeMessage.TLS_1_2, random, SESSION_ID, CipherSuite.TLS_AES_128_GCM_SHA256, 0,
                extensions);
    }

    static Stream<HandshakeMessage> everyForm() {
        return Stream.of(
                clientHello(List.of(new ServerName(List.of("example-server")),
                        new SupportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)),
                        new SignatureAlgorithms(List.of(SignatureScheme.ED25519)),
                        new SignatureAlgorithmsCert(List.of(SignatureScheme.ED25519, new SignatureScheme(0x0401))),
                        new OfferedVersions(List.of(HandshakeMessage.TLS_1_3, HandshakeMessage.TLS_1_2)),
                        new Cookie(new byte[] {1, 2, 3}), new PskKeyExchangeModes(List.of(1)),
                        new ClientKeyShares(List.of(X25519_SHARE)), new Unknown(0xfe0d, new byte[0]))),
                serverHello(RANDOM, List.of(new SelectedVersion(HandshakeMessage.TLS_1_3),
                        new ServerKeyShare(X25519_SHARE))),
                serverHello(ServerHello.helloRetryRequestRandom(), List.of(
                        new SelectedVersion(HandshakeMessage.TLS_1_3),
                        new RetryKeyShare(NamedGroup.SECP256R1), new Cookie(new byte[] {9}))),
                new EncryptedExtensions(List.of(new ServerName(List.of()),
                        new SupportedGroups(List.of(NamedGroup.X25519)))),
                new EncryptedExtensions(List.of()),
                new CertificateMessage(new byte[0], List.of(
                        new CertificateMessage.Entry(filled(300, 0x30), List.of()),
                        new CertificateMessage.Entry(filled(200, 0x31), List.of(new Unknown(5, new byte[] {1}))))),
                new CertificateVerify(SignatureScheme.ED25519, filled(64, 0x44)),
                new Finished(filled(32, 0x55)),
                new NewSessionTicket(7200, 0xFFFFFFFFL, new byte[] {0, 1}, filled(100, 0x66), List.of()),
                new KeyUpdate(true),
                new KeyUpdate(false));
    }

    @ParameterizedTest
    @MethodSource("everyForm")
    void everyFormSurvivesEncodeThenDecode(HandshakeMessage message) {
        byte[] bytes = CODEC.encode(message);

        HandshakeMessage decoded = CODEC.decode(bytes);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
        assertThat(CODEC.encode(decoded)).isEqualTo(bytes);
        assertThat(bytes[0]).isEqualTo((byte) message.type().code());
        assertThat(bytes.length - HandshakeCodec.HEADER_LENGTH)
                .isEqualTo((bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF);
    }

    @Test
    void aHelloRetryRequestIsKnownByItsRandomAndCarriesTheSelectedGroup() {
        ServerHello retry = (ServerHello) CODEC.decode(CODEC.encode(serverHello(
                ServerHello.helloRetryRequestRandom(), List.of(new RetryKeyShare(NamedGroup.SECP256R1)))));

        assertThat(retry.isHelloRetryRequest()).isTrue();
        assertThat(retry.extensions()).containsExactly(new RetryKeyShare(NamedGroup.SECP256R1));
    }

    @ParameterizedTest
    @MethodSource("everyForm")
    void everyTruncationIsADecodeError(HandshakeMessage message) {
        byte[] bytes = CODEC.encode(message);
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertRefused(() -> CODEC.decode(cut), Failure.MALFORMED_MESSAGE, "");
        }
    }

    @ParameterizedTest
    @MethodSource("everyForm")
    void aByteAfterTheMessageIsADecodeError(HandshakeMessage message) {
        byte[] bytes = CODEC.encode(message);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

        assertRefused(() -> CODEC.decode(longer), Failure.MALFORMED_MESSAGE, "1 bytes left over");
    }

    static Stream<Arguments> malformed() {
        String hello = "0303" + "11".repeat(32);
        return Stream.of(
                // ClientHello bodies: session id, suites, compression, extensions
                Arguments.of("01", hello + "21" + "22".repeat(33) + "000213010100" + "0000",
                        "legacy_session_id is 33 bytes"),
                Arguments.of("01", hello + "00" + "0003130101" + "0100" + "0000", "cipher_suites is 3 bytes"),
                Arguments.of("01", hello + "00" + "0000" + "0100" + "0000", "cipher_suites is 0 bytes"),
                Arguments.of("01", hello + "00" + "00021301" + "00" + "0000", "legacy_compression_methods is 0"),
                Arguments.of("01", hello + "00" + "000213010100", "extensions length needs 2 bytes"),
                Arguments.of("01", hello + "00" + "000213010100" + "0004" + "00000005",
                        "extension 0 needs 5 bytes"),
                // extension contents
                Arguments.of("01", hello + "00" + "000213010100" + "0004" + "000a0000", "named_group_list length"),
                Arguments.of("01", hello + "00" + "000213010100" + "0007" + "000a0003" + "00011d",
                        "named_group_list is 1 bytes long, outside 2"),
                Arguments.of("01", hello + "00" + "000213010100" + "0009" + "000a0005" + "0002001d00",
                        "1 bytes left over after extension 10"),
                Arguments.of("01", hello + "00" + "000213010100" + "0008" + "002b0004" + "03030403",
                        "versions is 3 bytes long, not a multiple of 2"),
                Arguments.of("01", hello + "00" + "000213010100" + "000b" + "00000007" + "0005010002" + "6161",
                        "server name type 1"),
                Arguments.of("01", hello + "00" + "000213010100" + "000a" + "00000006" + "0004000001" + "0a",
                        "not printable ASCII"),
                Arguments.of("01", hello + "00" + "000213010100" + "000a" + "00330006" + "0004001d0000",
                        "key_exchange is 0 bytes"),
                Arguments.of("01", hello + "00" + "000213010100" + "0006" + "002c0002" + "0000",
                        "cookie is 0 bytes"),
                // ServerHello: a key share of the wrong form, an EncryptedExtensions server_name with a name
                Arguments.of("02", hello + "00" + "130100" + "0006" + "00330002" + "001d",
                        "key_exchange length needs 2 bytes"),
                Arguments.of("08", "0007" + "00000003" + "000100", "3 bytes left over after extension 0"),
                // Certificate, CertificateVerify, NewSessionTicket
                Arguments.of("0b", "00" + "000003" + "000000", "cert_data is 0 bytes"),
                Arguments.of("0b", "00" + "000006" + "000001" + "30" + "0003", "extensions needs 3 bytes"),
                Arguments.of("0f", "0807" + "0041" + "44".repeat(64), "signature needs 65 bytes"),
                Arguments.of("04", "00001c20" + "00000000" + "00" + "0000" + "0000", "ticket is 0 bytes"),
                Arguments.of("18", "0100", "1 bytes left over"),
                Arguments.of("18", "", "request_update needs 1 bytes"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aBadLengthOrBoundInsideAMessageIsADecodeError(String type, String body, String reason) {
        assertRefused(() -> CODEC.decode(message(type, body)), Failure.MALFORMED_MESSAGE, reason);
    }

    @Test
    void aHeaderLengthThatDisagreesWithTheBodyIsADecodeError() {
        byte[] finished = CODEC.encode(new Finished(filled(32, 1)));
        finished[3]++;

        assertRefused(() -> CODEC.decode(finished), Failure.MALFORMED_MESSAGE, "body needs 33 bytes");
    }

    @Test
    void aDuplicatedExtensionIsAnIllegalParameter() {
        ClientHello twice = clientHello(List.of(new Unknown(0x7777, new byte[] {1}), new Unknown(0x7777, new byte[0])));
        ClientHello twoGroups = clientHello(List.of(new SupportedGroups(List.of(NamedGroup.X25519)),
                new SupportedGroups(List.of(NamedGroup.SECP256R1))));

        assertRefused(() -> CODEC.decode(CODEC.encode(twice)), Failure.ILLEGAL_PARAMETER,
                "ClientHello: extension 30583 appears twice");
        assertRefused(() -> CODEC.decode(CODEC.encode(twoGroups)), Failure.ILLEGAL_PARAMETER,
                "extension 10 appears twice");
    }

    private static final CertificateMessage.Entry ENTRY_WITH_SERVER_NAME =
            new CertificateMessage.Entry(new byte[] {1}, List.of(new ServerName(List.of())));
    private static final Extension PSK_MODES = new PskKeyExchangeModes(List.of(1));

    static Stream<Arguments> misplaced() {
        return Stream.of(
                Arguments.of(new EncryptedExtensions(List.of(new SelectedVersion(HandshakeMessage.TLS_1_3))), "43",
                        "EncryptedExtensions"),
                Arguments.of(new EncryptedExtensions(List.of(new ServerKeyShare(X25519_SHARE))), "51",
                        "EncryptedExtensions"),
                Arguments.of(serverHello(RANDOM, List.of(new SupportedGroups(List.of(NamedGroup.X25519)))), "10",
                        "ServerHello"),
                Arguments.of(serverHello(RANDOM, List.of(new Cookie(new byte[] {1}))), "44", "ServerHello"),
                Arguments.of(serverHello(ServerHello.helloRetryRequestRandom(),
                        List.of(new SignatureAlgorithms(List.of(SignatureScheme.ED25519)))), "13",
                        "HelloRetryRequest"),
                Arguments.of(new CertificateMessage(new byte[0], List.of(ENTRY_WITH_SERVER_NAME)), "0",
                        "Certificate"),
                Arguments.of(new NewSessionTicket(1, 2, new byte[0], new byte[] {1}, List.of(PSK_MODES)), "45",
                        "NewSessionTicket"));
    }

    @ParameterizedTest
    @MethodSource("misplaced")
    void anExtensionTheMessageMayNotCarryIsAnIllegalParameter(HandshakeMessage message, String type, String name) {
        assertRefused(() -> CODEC.decode(CODEC.encode(message)), Failure.ILLEGAL_PARAMETER,
                "extension " + type + " is not allowed in " + name);
    }

    @Test
    void twoKeySharesForOneGroupAreAnIllegalParameter() {
        ClientHello hello = clientHello(List.of(new ClientKeyShares(List.of(X25519_SHARE, X25519_SHARE))));

        assertRefused(() -> CODEC.decode(CODEC.encode(hello)), Failure.ILLEGAL_PARAMETER,
                "two key shares for one group");
    }

    @Test
    void twoServerNamesAreAnIllegalParameter() {
        ClientHello hello = clientHello(List.of(new ServerName(List.of("one", "two"))));

        assertRefused(() -> CODEC.decode(CODEC.encode(hello)), Failure.ILLEGAL_PARAMETER, "more than one name");
    }

    @Test
    void aKeyUpdateOtherThanZeroOrOneIsAnIllegalParameter() {
        assertRefused(() -> CODEC.decode(message("18", "02")), Failure.ILLEGAL_PARAMETER,
                "request_update is 2, not 0 or 1");
    }

    @Test
    void aMessageTypeMinitlsDoesNotReadIsUnexpected() {
        // certificate_request (13), end_of_early_data (5), message_hash (254), and numbers nobody defines
        for (String type : List.of("0d", "05", "fe", "00", "ff")) {
            assertRefused(() -> CODEC.decode(message(type, "")), Failure.UNEXPECTED_MESSAGE,
                    "handshake message of type " + Integer.parseInt(type, 16));
        }
    }

    @Test
    void valuesThatDoNotFitTheirFieldsAreNotEncoded() {
        ClientHello shortRandom = new ClientHello(HandshakeMessage.TLS_1_2, new byte[31], SESSION_ID,
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256), new byte[] {0}, List.of());
        ClientHello longSessionId = new ClientHello(HandshakeMessage.TLS_1_2, RANDOM, new byte[256],
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256), new byte[] {0}, List.of());

        assertThatThrownBy(() -> CODEC.encode(shortRandom)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("random must be 32 bytes, got 31");
        assertThatThrownBy(() -> CODEC.encode(longSessionId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("256 does not fit 1 bytes");
        assertThatThrownBy(() -> CODEC.encode(clientHello(List.of(new ServerName(List.of("ex ample"))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a host name is printable ASCII");
    }

    private static byte[] message(String type, String body) {
        byte[] content = HexFormat.of().parseHex(body);
        return new WireWriter().u8(Integer.parseInt(type, 16)).opaque(3, content).toByteArray();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}

