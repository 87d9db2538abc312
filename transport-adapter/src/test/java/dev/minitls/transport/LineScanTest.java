package dev.minitls.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans give what a byte-by-byte loop gives, wherever the byte they look for sits. */
class LineScanTest {

    @Test
    void findsTheFirstNewlineAtEveryPositionOfEveryRange() {
        for (int length = 0; length <= 72; length++) {
            for (int from = 0; from <= length; from++) {
                for (int at = -1; at < length; at++) {
                    byte[] bytes = filled(length, (byte) 'a');
                    if (at >= 0) {
                        bytes[at] = '\n';
                    }
                    assertThat(LineScan.indexOfNewline(bytes, from, length))
                            .as("length %d, from %d, newline at %d", length, from, at)
                            .isEqualTo(at >= from ? at : -1);
                }
            }
        }
    }

    @Test
    void stopsAtTheEndOfTheRange() {
        byte[] bytes = filled(32, (byte) 'a');
        bytes[20] = '\n';

        assertThat(LineScan.indexOfNewline(bytes, 0, 20)).isEqualTo(-1);
        assertThat(LineScan.indexOfNewline(bytes, 0, 21)).isEqualTo(20);
    }

    @Test
    void findsTheFirstOfSeveralNewlinesAmongBytesThatLookLikeThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            // bytes near 0x0a and with the high bit set are where a faulty word test would go wrong
            byte[] bytes = new byte[random.nextInt(1, 100)];
            for (int i = 0; i < bytes.length; i++) {
                int pick = random.nextInt(6);
                bytes[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x0b : pick == 2 ? 0x8a : pick == 3 ? 0x09
                        : random.nextInt(256));
            }
            int from = random.nextInt(bytes.length + 1);
            assertThat(LineScan.indexOfNewline(bytes, from, bytes.length)).isEqualTo(naiveIndexOf(bytes, from));
        }
    }

    @Test
    void findsEveryByteValueAmongItsNeighbours() {
        for (int value = 0; value < 256; value++) {
            // neighbours differ from the value in one bit or by one, where a faulty word test would borrow wrongly
            for (int other : new int[] {value ^ 1, value ^ 0x80, (value + 1) & 0xff, (value - 1) & 0xff}) {
                for (int at = -1; at < 40; at++) {
                    byte[] bytes = filled(40, (byte) other);
                    if (at >= 0) {
                        bytes[at] = (byte) value;
                    }
                    assertThat(LineScan.indexOf(bytes, 0, bytes.length, (byte) value))
                            .as("value 0x%02x among 0x%02x, at %d", value, other, at).isEqualTo(at);
                }
            }
        }
    }

    @Test
    void asciiIsEveryByteBelow0x80() {
        for (int length = 0; length <= 40; length++) {
            for (int at = -1; at < length; at++) {
                byte[] bytes = filled(length, (byte) 0x7f);
                if (at >= 0) {
                    bytes[at] = (byte) 0x80;
                }
                assertThat(LineScan.isAscii(bytes, 0, length)).as("length %d, 0x80 at %d", length, at)
                        .isEqualTo(at < 0);
                assertThat(LineScan.isAscii(bytes, Math.max(at + 1, 0), length)).isTrue();
            }
        }
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    private static int naiveIndexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
