package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.Tls13Assertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handshake messages split across records (as {@link TlsRecord#fragments} cuts them), coalesced in one, both; never
 * across a key change.
 */
class HandshakeReassemblerTest {

    private static final HandshakeCodec CODEC = new HandshakeCodec();
    private static final byte[] VERIFY = CODEC.encode(new CertificateVerify(SignatureScheme.ED25519, new byte[64]));
    private static final byte[] FINISHED = CODEC.encode(new Finished(new byte[32]));
    private static final byte[] KEY_UPDATE = CODEC.encode(new KeyUpdate(true));

    private final HandshakeReassembler reassembler = new HandshakeReassembler();

    @Test
    void severalMessagesCoalescedInOneRecordComeOutOneByOne() {
        reassembler.add(concat(VERIFY, FINISHED, KEY_UPDATE));

        assertThat(drain()).containsExactly(VERIFY, FINISHED, KEY_UPDATE);
        assertThat(reassembler.isEmpty()).isTrue();
    }

    @Test
    void aMessageSplitIntoOneByteRecordsComesOutWholeAtItsLastByte() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < VERIFY.length; i++) {
            assertThat(out).as("nothing before the last byte").isEmpty();
            reassembler.add(new byte[] {VERIFY[i]});
            reassembler.next().ifPresent(out::add);
        }

        assertThat(out).containsExactly(VERIFY);
    }

    @Test
    void theLongestMessageInOneByteRecordsThenAnotherComeOutWhole() {
        byte[] longest = new byte[HandshakeCodec.HEADER_LENGTH + HandshakeReassembler.MAX_MESSAGE];
        longest[0] = 11;
        longest[1] = (byte) (HandshakeReassembler.MAX_MESSAGE >>> 16);
        longest[2] = (byte) (HandshakeReassembler.MAX_MESSAGE >>> 8);
        for (int i = HandshakeCodec.HEADER_LENGTH; i < longest.length; i++) {
            longest[i] = (byte) i;
        }
        List<byte[]> out = new ArrayList<>();
        for (byte b : longest) {
            reassembler.add(new byte[] {b});
            reassembler.next().ifPresent(out::add);
        }
        reassembler.add(VERIFY);
        reassembler.next().ifPresent(out::add);

        assertThat(out).containsExactly(longest, VERIFY);
        assertThat(reassembler.isEmpty()).isTrue();
    }

    @Test
    void recordBoundariesAnywhereGiveTheSameMessages() {
        byte[] stream = concat(VERIFY, FINISHED, KEY_UPDATE);
        for (int cut = 1; cut < stream.length; cut++) {
            HandshakeReassembler split = new HandshakeReassembler();
            List<byte[]> out = new ArrayList<>();
            split.add(Arrays.copyOf(stream, cut));
            split.next().ifPresent(out::add);
            split.next().ifPresent(out::add);
            split.add(Arrays.copyOfRange(stream, cut, stream.length));
            for (var message = split.next(); message.isPresent(); message = split.next()) {
                out.add(message.get());
            }
            assertThat(out).as("cut at %d", cut).containsExactly(VERIFY, FINISHED, KEY_UPDATE);
        }
    }

    @Test
    void aMessageLongerThanOneRecordIsCutIntoFullRecordsAndComesBackWhole() {
        byte[] chain = CODEC.encode(new CertificateMessage(new byte[0], List.of(
                new CertificateMessage.Entry(new byte[20_000], List.of()),
                new CertificateMessage.Entry(new byte[20_000], List.of()))));

        List<byte[]> records = TlsRecord.fragments(chain);

        assertThat(records).extracting(record -> record.length)
                .containsExactly(TlsRecord.MAX_PLAINTEXT, TlsRecord.MAX_PLAINTEXT,
                        chain.length - 2 * TlsRecord.MAX_PLAINTEXT);
        List<byte[]> out = new ArrayList<>();
        for (byte[] record : records) {
            assertThat(out).isEmpty();
            reassembler.add(record);
            reassembler.next().ifPresent(out::add);
        }
        assertThat(out).containsExactly(chain);
    }

    @Test
    void contentCutIntoRecordsNeverGivesAnEmptyPieceButForEmptyContent() {
        assertThat(TlsRecord.fragments(new byte[0])).singleElement().satisfies(piece -> assertThat(piece).isEmpty());
        assertThat(TlsRecord.fragments(new byte[1])).hasSize(1);
        assertThat(TlsRecord.fragments(new byte[TlsRecord.MAX_PLAINTEXT])).hasSize(1);
        assertThat(TlsRecord.fragments(new byte[TlsRecord.MAX_PLAINTEXT + 1])).extracting(piece -> piece.length)
                .containsExactly(TlsRecord.MAX_PLAINTEXT, 1);
    }

    @Test
    void aKeyChangeBetweenMessagesIsFine() {
        reassembler.add(FINISHED);
        reassembler.next();

        reassembler.keyChange();

        assertThat(reassembler.isEmpty()).isTrue();
    }

    @Test
    void aMessageSpanningAKeyChangeIsUnexpected() {
        reassembler.add(Arrays.copyOf(FINISHED, 10));

        assertRefused(reassembler::keyChange, Failure.UNEXPECTED_MESSAGE,
                "10 bytes of a handshake message are waiting at a key change");
    }

    @Test
    void aMessageFollowedByPartOfAnotherInTheRecordBeforeAKeyChangeIsUnexpected() {
        reassembler.add(concat(FINISHED, Arrays.copyOf(KEY_UPDATE, 2)));
        assertThat(reassembler.next()).hasValue(FINISHED);

        assertRefused(reassembler::keyChange, Failure.UNEXPECTED_MESSAGE, "2 bytes");
    }

    @Test
    void anEmptyHandshakeRecordIsUnexpected() {
        assertRefused(() -> reassembler.add(new byte[0]), Failure.UNEXPECTED_MESSAGE, "an empty handshake record");
    }

    @Test
    void aMessageLongerThanTheLimitIsRefusedAtItsHeader() {
        byte[] header = HexFormat.of().parseHex("0b010001");
        reassembler.add(HexFormat.of().parseHex("0b010000"));
        reassembler.add(new byte[HandshakeReassembler.MAX_MESSAGE]);
        assertThat(reassembler.next()).isPresent();

        assertRefused(() -> new HandshakeReassembler().add(header), Failure.ILLEGAL_PARAMETER,
                "a handshake message of 65537 bytes; at most 65536 accepted");
        reassembler.add(concat(FINISHED, header));
        assertRefused(reassembler::next, Failure.ILLEGAL_PARAMETER, "65537 bytes");
    }

    private List<byte[]> drain() {
        List<byte[]> out = new ArrayList<>();
        for (var message = reassembler.next(); message.isPresent(); message = reassembler.next()) {
            out.add(message.get());
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
