package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.Tls13Assertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.tls13.RecordContentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The record header rules of RFC 8446 section 5.1, each refusal with its alert. */
class RecordReaderTest {

    @Test
    void readsRecordAfterRecordFromOneStream() throws IOException {
        RecordReader reader = RecordReader.client(stream("1603030002abcd" + "1703030000" + "140303000101"));

        TlsRecord first = reader.next();
        TlsRecord second = reader.next();
        TlsRecord third = reader.next();

        assertThat(first.type()).isEqualTo(RecordContentType.HANDSHAKE);
        assertThat(first.fragment()).containsExactly(0xab, 0xcd);
        assertThat(second.type()).isEqualTo(RecordContentType.APPLICATION_DATA);
        assertThat(second.fragment()).isEmpty();
        assertThat(third.type()).isEqualTo(RecordContentType.CHANGE_CIPHER_SPEC);
        assertRefused(reader::next, Failure.PEER_CLOSED, "end of stream");
    }

    @Test
    void aServerTakes0x0301OnTheFirstClientHelloRecordOnly() throws IOException {
        RecordReader server = RecordReader.server(stream("1603010001aa" + "1603010001bb"));

        assertThat(server.next().legacyVersion()).isEqualTo(TlsRecord.TLS_1_0);
        assertRefused(server::next, Failure.UNSUPPORTED_VERSION, "record version 0x0301");
    }

    @Test
    void aClientNeverTakes0x0301() {
        assertRefused(() -> RecordReader.client(stream("1603010001aa")).next(), Failure.UNSUPPORTED_VERSION,
                "record version 0x0301; TLS 1.3 records say 0x0303");
    }

    @Test
    void version0x0301IsForAHandshakeRecordOnly() {
        assertRefused(() -> RecordReader.server(stream("1503010002022f")).next(), Failure.UNSUPPORTED_VERSION,
                "0x0301");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0300", "0302", "0304", "0000", "ffff"})
    void anyOtherVersionIsAProtocolVersionAlert(String version) {
        assertRefused(() -> RecordReader.server(stream("16" + version + "0001aa")).next(),
                Failure.UNSUPPORTED_VERSION, "record version 0x" + version);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 24, 25, 255})
    void anUnknownContentTypeIsUnexpected(int type) {
        String header = String.format("%02x", type) + "03030001aa";

        assertRefused(() -> RecordReader.client(stream(header)).next(), Failure.UNEXPECTED_MESSAGE,
                "record of content type " + type);
    }

    @ParameterizedTest
    @CsvSource({"16, 16384, 16385", "15, 16384, 16385", "17, 16640, 16641"})
    void eachRecordHoldsAtMostItsLimit(String type, int longest, int tooLong) throws IOException {
        byte[] fitting = record(type, longest);
        byte[] overflowing = record(type, tooLong);

        assertThat(RecordReader.client(new CountingStream(fitting)).next().fragment()).hasSize(longest);
        CountingStream overflow = new CountingStream(overflowing);
        assertRefused(() -> RecordReader.client(overflow).next(), Failure.RECORD_OVERFLOW, "at most " + longest);
        assertThat(overflow.taken).as("no more than one read ahead, not the fragment")
                .isLessThanOrEqualTo(RecordReader.READ_AHEAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"16", "15", "14"})
    void anEmptyClearRecordIsUnexpected(String type) {
        assertRefused(() -> RecordReader.client(stream(type + "03030000")).next(), Failure.UNEXPECTED_MESSAGE,
                "an empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1403030001" + "02", "1403030001" + "00", "1403030002" + "0101"})
    void aChangeCipherSpecOtherThanTheOneByte0x01IsUnexpected(String record) {
        assertRefused(() -> RecordReader.client(stream(record)).next(), Failure.UNEXPECTED_MESSAGE,
                "a change_cipher_spec record holds 0x01 only");
    }

    @Test
    void aStreamThatEndsInsideARecordIsTruncated() {
        byte[] whole = HexFormat.of().parseHex("1603030004aabbccdd");
        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertRefused(() -> RecordReader.client(new ByteArrayInputStream(cut)).next(), Failure.TRUNCATED,
                    "the stream ended after");
        }
    }

    @ParameterizedTest(name = "reads of at most {0} bytes")
    @ValueSource(ints = {1, 3, 5, 6, 700, RecordReader.READ_AHEAD, 5000, 1 << 20})
    void theSameRecordsComeOutHoweverTheStreamCutsTheBytes(int mostPerRead) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int[] lengths = {1, 0, 4, RecordReader.READ_AHEAD - 5, RecordReader.READ_AHEAD, RecordReader.READ_AHEAD + 1,
            3, TlsRecord.MAX_CIPHERTEXT, 2, 1000, 1000, 17};
        for (int i = 0; i < lengths.length; i++) {
            byte[] record = record("17", lengths[i]);
            Arrays.fill(record, TlsRecord.HEADER_LENGTH, record.length, (byte) i);
            wire.writeBytes(record);
        }
        InputStream stream = new ByteArrayInputStream(wire.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, mostPerRead));
            }
        };
        RecordReader reader = RecordReader.client(stream);

        for (int i = 0; i < lengths.length; i++) {
            byte[] expected = new byte[lengths[i]];
            Arrays.fill(expected, (byte) i);
            assertThat(reader.next().fragment()).as("record %d", i).isEqualTo(expected);
        }
        assertRefused(reader::next, Failure.PEER_CLOSED, "end of stream");
    }

    @Test
    void aStreamThatEndsInsideARecordReadAheadIsTruncatedAfterTheWholeOnes() throws IOException {
        // One read brings a whole record and the start of the next: the whole one comes out, then the cut is seen.
        RecordReader reader = RecordReader.client(stream("1703030002abcd" + "17030300"));

        assertThat(reader.next().fragment()).containsExactly(0xab, 0xcd);
        assertRefused(reader::next, Failure.TRUNCATED, "the stream ended after 4 of the 5 header bytes");
        RecordReader inFragment = RecordReader.client(stream("1703030002abcd" + "1703030003ee"));
        inFragment.next();
        assertRefused(inFragment::next, Failure.TRUNCATED, "the stream ended after 1 of the 3 bytes");
    }

    @Test
    void aHeaderWhoseFieldsDoNotFitIsAProgrammingErrorNotACut() {
        assertThat(TlsRecord.header(RecordContentType.APPLICATION_DATA, TlsRecord.TLS_1_2, 0xFFFF))
                .containsExactly(0x17, 0x03, 0x03, 0xFF, 0xFF);
        assertThatThrownBy(() -> TlsRecord.header(RecordContentType.APPLICATION_DATA, TlsRecord.TLS_1_2, 0x10000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("65536 does not fit 2 bytes");
        assertThatThrownBy(() -> TlsRecord.header(RecordContentType.HANDSHAKE, 0x10303, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] record(String type, int length) {
        byte[] record = new byte[TlsRecord.HEADER_LENGTH + length];
        System.arraycopy(HexFormat.of().parseHex(type + "0303"), 0, record, 0, 3);
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        return record;
    }

    private static InputStream stream(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex));
    }

    /** Counts the bytes taken from it. */
    private static final class CountingStream extends ByteArrayInputStream {
        private int taken;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int read = super.read(b, off, len);
            taken += Math.max(read, 0);
            return read;
        }
    }
}
