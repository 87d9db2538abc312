package dev.minitls.transport.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The record fast path against the generic JSON writer and reader: it writes the very bytes the generic writer
 * writes, reads back what it wrote, and of any other frame reads nothing the generic reader would not read to the
 * same record.
 */
class RecordFramesTest {

    private static final long[] SEQUENCES = {0, 1, 9, 10, 255, 65_536, (1L << 24) - 1, Long.MAX_VALUE};

    /** One protocol version: its record frames, and the generic writer and reader for the same frames. */
    record Version(String name, RecordFrames frames, Function<ApplicationRecord, byte[]> genericWriter,
            Function<byte[], Message> genericReader) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Version> versions() {
        return Stream.of(
                new Version("v1", new RecordFrames("", V1Members.SEQ, V1Members.CIPHERTEXT, RecordFrames.Text.HEX),
                        record -> PythonJsonLines.frame(out -> {
                            out.writeStartObject();
                            out.writeNumberField(V1Members.SEQ, record.sequence());
                            out.writeStringField(V1Members.CIPHERTEXT, HexFormat.of().formatHex(record.ciphertext()));
                            out.writeEndObject();
                        }),
                        frame -> V1FrameReader.decode(frame, MessageType.APPLICATION_RECORD)),
                new Version("v2", new RecordFrames("\"type\": \"Record\", ", V2Members.SEQ, V2Members.CIPHERTEXT,
                        RecordFrames.Text.BASE64),
                        record -> PythonJsonLines.frame(out -> {
                            out.writeStartObject();
                            out.writeStringField(V2Members.TYPE, V2Type.RECORD.typeName());
                            out.writeNumberField(V2Members.SEQ, record.sequence());
                            out.writeStringField(V2Members.CIPHERTEXT,
                                    Base64.getEncoder().encodeToString(record.ciphertext()));
                            out.writeEndObject();
                        }),
                        V2FrameReader::decode));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void writesWhatTheGenericWriterWritesAndReadsItBack(Version version) {
        SplittableRandom random = new SplittableRandom(1);
        for (long sequence : SEQUENCES) {
            for (int length : new int[] {0, 1, 2, 3, 16, 17, 18, 1000, 16 * 1024 + 17}) {
                ApplicationRecord record = new ApplicationRecord(sequence, bytes(random, length));

                byte[] frame = version.frames().frame(record);

                assertThat(frame).isEqualTo(version.genericWriter().apply(record));
                assertThat(version.frames().read(frame)).get().usingRecursiveComparison().isEqualTo(record);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void refusesToWriteANegativeSequenceNumber(Version version) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> version.frames().frame(new ApplicationRecord(-1, new byte[0])))
                .withMessageEndingWith("must not be negative, got -1");
    }

    /** Every one-byte change, removal and insertion, at every position of a few frames. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void ofAnEditedFrameReadsNothingTheGenericReaderWouldNotReadAlike(Version version) {
        byte[] interesting = "0129azAZ+/=\"\\ \n{}:,-.e\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(2);
        for (int length : new int[] {0, 1, 2, 3, 5}) {
            byte[] frame = version.frames().frame(new ApplicationRecord(107, bytes(random, length)));
            for (int at = 0; at < frame.length; at++) {
                for (byte replacement : interesting) {
                    byte[] edited = frame.clone();
                    edited[at] = replacement;
                    assertAgreesWithTheGenericReader(version, edited);
                }
                byte[] removed = new byte[frame.length - 1];
                System.arraycopy(frame, 0, removed, 0, at);
                System.arraycopy(frame, at + 1, removed, at, frame.length - at - 1);
                assertAgreesWithTheGenericReader(version, removed);
                for (byte inserted : interesting) {
                    byte[] longer = new byte[frame.length + 1];
                    System.arraycopy(frame, 0, longer, 0, at);
                    longer[at] = inserted;
                    System.arraycopy(frame, at, longer, at + 1, frame.length - at);
                    assertAgreesWithTheGenericReader(version, longer);
                }
            }
        }
    }

    @Test
    void readsHexOnlyWhenEveryDigitIsALowercaseHexDigit() {
        Version v1 = versions().findFirst().orElseThrow();
        byte[] frame = v1.frames().frame(new ApplicationRecord(5, new byte[] {0x12, 0x34, 0x56}));
        int textStart = new String(frame, java.nio.charset.StandardCharsets.US_ASCII).indexOf("\"123456\"") + 1;
        for (int at = textStart; at < textStart + 6; at++) {
            for (int value = 0; value < 256; value++) {
                byte[] edited = frame.clone();
                edited[at] = (byte) value;
                boolean lowercaseHex = value >= '0' && value <= '9' || value >= 'a' && value <= 'f';

                Optional<ApplicationRecord> read = v1.frames().read(edited);

                assertThat(read.isPresent()).as("byte 0x%02x at %d", value, at).isEqualTo(lowercaseHex);
                assertAgreesWithTheGenericReader(v1, edited);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void leavesSequenceNumbersBeyond64BitsToTheGenericReader(Version version) {
        byte[] frame = version.frames().frame(new ApplicationRecord(Long.MAX_VALUE, new byte[3]));
        String text = new String(frame, java.nio.charset.StandardCharsets.US_ASCII);

        byte[] tooBig = text.replace(String.valueOf(Long.MAX_VALUE), "9223372036854775808")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] twentyDigits = text.replace(String.valueOf(Long.MAX_VALUE), "10000000000000000000")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(version.frames().read(tooBig)).isEmpty();
        assertThat(version.frames().read(twentyDigits)).isEmpty();
    }

    private static void assertAgreesWithTheGenericReader(Version version, byte[] frame) {
        Optional<ApplicationRecord> fast = version.frames().read(frame);
        if (fast.isEmpty()) {
            return;
        }
        Message generic;
        try {
            generic = version.genericReader().apply(frame);
        } catch (ProtocolException e) {
            throw new AssertionError("read " + fast.get() + " from a frame the generic reader refuses: "
                    + Arrays.toString(frame) + " (" + e.getMessage() + ")", e);
        }
        assertThat(generic).usingRecursiveComparison().isEqualTo(fast.get());
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
