package dev.minitls.transport.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
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
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The TLS 1.3 codec's guarantees over arbitrary input: every message survives encode then decode, and whatever
 * bytes come, decoding yields a message that encodes back to exactly those bytes, or a ProtocolException naming a
 * decode failure (decode_error, illegal_parameter, unexpected_message), never another exception.
 */
class HandshakeCodecPropertiesTest {

    private static final HandshakeCodec CODEC = new HandshakeCodec();
    private static final Set<Integer> MODELLED = Set.of(0, 10, 13, 43, 44, 45, 50, 51);
    private static final Set<Failure> DECODE_FAILURES =
            Set.of(Failure.MALFORMED_MESSAGE, Failure.ILLEGAL_PARAMETER, Failure.UNEXPECTED_MESSAGE);

    @Property(tries = 500)
    void everyMessageSurvivesEncodeThenDecode(@ForAll("messages") HandshakeMessage message) {
        byte[] bytes = CODEC.encode(message);

        HandshakeMessage decoded = CODEC.decode(bytes);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
        assertThat(CODEC.encode(decoded)).isEqualTo(bytes);
    }

    @Property(tries = 3000)
    void arbitraryBodiesUnderAValidHeaderDecodeExactlyOrFailAsDecodeErrors(
            @ForAll("knownTypes") HandshakeType type, @ForAll @Size(max = 200) byte[] body) {
        assertTotal(new WireWriter().u8(type.code()).opaque(3, body).toByteArray());
    }

    @Property(tries = 2000)
    void arbitraryBytesDecodeExactlyOrFailAsDecodeErrors(@ForAll @Size(max = 100) byte[] bytes) {
        assertTotal(bytes);
    }

    @Property(tries = 2000)
    void editedValidMessagesDecodeExactlyOrFailAsDecodeErrors(@ForAll("messages") HandshakeMessage message,
            @ForAll @IntRange(max = 10_000) int where, @ForAll byte value, @ForAll("edits") Edit edit) {
        byte[] bytes = CODEC.encode(message);
        int at = where % (bytes.length + 1);
        byte[] edited = switch (edit) {
            case REPLACE -> {
                byte[] copy = bytes.clone();
                copy[Math.min(at, bytes.length - 1)] = value;
                yield copy;
            }
            case INSERT -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = value;
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                yield copy;
            }
            case CUT -> Arrays.copyOf(bytes, Math.min(at, bytes.length - 1));
        };
        assertTotal(edited);
    }

    @Property(tries = 2000)
    void arbitraryStreamsGiveRecordsOrProtocolFailures(@ForAll @Size(max = 64) byte[] stream,
            @ForAll boolean server) {
        RecordReader reader = server ? RecordReader.server(new ByteArrayInputStream(stream))
                : RecordReader.client(new ByteArrayInputStream(stream));
        try {
            for (int i = 0; i <= stream.length; i++) {
                TlsRecord record = reader.next();
                assertThat(record.fragment().length).isLessThanOrEqualTo(TlsRecord.MAX_CIPHERTEXT);
            }
        } catch (ProtocolException e) {
            assertThat(e.failure()).isIn(Failure.PEER_CLOSED, Failure.TRUNCATED, Failure.UNEXPECTED_MESSAGE,
                    Failure.UNSUPPORTED_VERSION, Failure.RECORD_OVERFLOW);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Property(tries = 2000)
    void arbitraryInnerPlaintextsGiveContentOrUnexpectedMessage(@ForAll @Size(max = 40) byte[] inner) {
        try {
            InnerPlaintext decoded = InnerPlaintext.decode(inner);
            assertThat(decoded.encode(0, inner.length - decoded.content().length - 1, 0)).isEqualTo(inner);
        } catch (ProtocolException e) {
            assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE);
        }
    }

    @Property(tries = 2000)
    void arbitraryHandshakeStreamsGiveMessagesOrAFailure(@ForAll @Size(max = 20) List<@Size(max = 30) byte[]> records) {
        HandshakeReassembler reassembler = new HandshakeReassembler();
        try {
            for (byte[] record : records) {
                reassembler.add(record);
                for (var message = reassembler.next(); message.isPresent(); message = reassembler.next()) {
                    assertThat(message.get().length).isGreaterThanOrEqualTo(HandshakeCodec.HEADER_LENGTH);
                }
            }
        } catch (ProtocolException e) {
            assertThat(e.failure()).isIn(Failure.UNEXPECTED_MESSAGE, Failure.ILLEGAL_PARAMETER);
        }
    }

    private static void assertTotal(byte[] bytes) {
        HandshakeMessage decoded;
        try {
            decoded = CODEC.decode(bytes);
        } catch (ProtocolException e) {
            assertThat(e.failure()).isIn(DECODE_FAILURES);
            assertThat(e.getMessage()).doesNotContain("\n", "\r");
            return;
        }
        assertThat(CODEC.encode(decoded)).isEqualTo(bytes);
    }

    enum Edit { REPLACE, INSERT, CUT }

    @Provide
    Arbitrary<Edit> edits() {
        return Arbitraries.of(Edit.class);
    }

    @Provide
    Arbitrary<HandshakeType> knownTypes() {
        return Arbitraries.of(HandshakeType.class);
    }

    @Provide
    Arbitrary<HandshakeMessage> messages() {
        return Arbitraries.oneOf(clientHellos(), serverHellos(), helloRetryRequests(),
                extensions(Arbitraries.oneOf(Arbitraries.just(new ServerName(List.of())), groups(), unknown()))
                        .map(EncryptedExtensions::new),
                certificates(),
                Combinators.combine(schemes(), bytes(0, 80)).as(CertificateVerify::new),
                bytes(0, 64).map(Finished::new),
                Combinators.combine(uint32(), uint32(), bytes(0, 12), bytes(1, 40), extensions(unknown()))
                        .as(NewSessionTicket::new),
                Arbitraries.of(true, false).map(KeyUpdate::new));
    }

    private static Arbitrary<HandshakeMessage> clientHellos() {
        Arbitrary<Extension> kinds = Arbitraries.oneOf(
                hostNames().map(name -> new ServerName(List.of(name))), groups(),
                schemes().list().ofMinSize(1).ofMaxSize(5).map(SignatureAlgorithms::new),
                schemes().list().ofMinSize(1).ofMaxSize(5).map(SignatureAlgorithmsCert::new),
                uint16().list().ofMinSize(1).ofMaxSize(5).map(OfferedVersions::new),
                bytes(1, 20).map(Cookie::new),
                Arbitraries.integers().between(0, 255).list().ofMinSize(1).ofMaxSize(3).map(PskKeyExchangeModes::new),
                shares().list().ofMaxSize(3).uniqueElements(KeyShareEntry::group).map(ClientKeyShares::new),
                unknown());
        return Combinators.combine(uint16(), bytes(32, 32), bytes(0, 32),
                uint16().map(CipherSuite::new).list().ofMinSize(1).ofMaxSize(6), bytes(1, 3), extensions(kinds))
                .as(ClientHello::new);
    }

    private static Arbitrary<HandshakeMessage> serverHellos() {
        Arbitrary<Extension> kinds = Arbitraries.oneOf(uint16().map(SelectedVersion::new),
                shares().map(ServerKeyShare::new), unknown());
        return Combinators.combine(uint16(), bytes(32, 32).filter(r -> !ServerHello.isHelloRetryRequestRandom(r)),
                bytes(0, 32), uint16().map(CipherSuite::new), Arbitraries.integers().between(0, 255),
                extensions(kinds)).as(ServerHello::new);
    }

    private static Arbitrary<HandshakeMessage> helloRetryRequests() {
        Arbitrary<Extension> kinds = Arbitraries.oneOf(uint16().map(SelectedVersion::new),
                uint16().map(code -> new RetryKeyShare(new NamedGroup(code))), bytes(1, 20).map(Cookie::new),
                unknown());
        return Combinators.combine(uint16(), bytes(0, 32), uint16().map(CipherSuite::new), extensions(kinds))
                .as((version, session, suite, extensions) -> new ServerHello(version,
                        ServerHello.helloRetryRequestRandom(), session, suite, 0, extensions));
    }

    private static Arbitrary<HandshakeMessage> certificates() {
        Arbitrary<CertificateMessage.Entry> entries = Combinators.combine(bytes(1, 60), extensions(unknown()))
                .as(CertificateMessage.Entry::new);
        return Combinators.combine(bytes(0, 4), entries.list().ofMaxSize(3)).as(CertificateMessage::new);
    }

    /** Extension blocks with no type twice. */
    private static Arbitrary<List<Extension>> extensions(Arbitrary<Extension> kinds) {
        return kinds.list().ofMaxSize(5).uniqueElements(HandshakeCodecPropertiesTest::typeOf);
    }

    private static Object typeOf(Extension extension) {
        return extension instanceof Unknown unknown ? unknown.type() : extension.getClass();
    }

    private static Arbitrary<Extension> unknown() {
        return Combinators.combine(uint16().filter(type -> !MODELLED.contains(type)), bytes(0, 12))
                .as(Unknown::new);
    }

    private static Arbitrary<Extension> groups() {
        return uint16().map(NamedGroup::new).list().ofMinSize(1).ofMaxSize(5).map(SupportedGroups::new);
    }

    private static Arbitrary<KeyShareEntry> shares() {
        return Combinators.combine(uint16().map(NamedGroup::new), bytes(1, 40)).as(KeyShareEntry::new);
    }

    private static Arbitrary<SignatureScheme> schemes() {
        return uint16().map(SignatureScheme::new);
    }

    private static Arbitrary<String> hostNames() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30);
    }

    private static Arbitrary<Integer> uint16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static Arbitrary<Long> uint32() {
        return Arbitraries.longs().between(0, 0xFFFFFFFFL);
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
