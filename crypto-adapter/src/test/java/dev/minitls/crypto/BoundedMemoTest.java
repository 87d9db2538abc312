package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The memo answers by the keys' bytes, and never holds more than its capacity. */
class BoundedMemoTest {

    @Test
    void answersForTheSameBytesInAnotherBufferAndNothingForOthers() {
        BoundedMemo<String> memo = new BoundedMemo<>(4);
        memo.keep(ByteBuffer.wrap(new byte[] {1, 2, 3}), "kept");

        assertThat(memo.get(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo("kept");
        assertThat(memo.get(ByteBuffer.wrap(new byte[] {1, 2, 4}))).isNull();
        assertThat(memo.get(ByteBuffer.wrap(new byte[] {1, 2}))).isNull();
    }

    @Test
    void keepsUpToItsCapacityThenStartsOver() {
        BoundedMemo<Integer> memo = new BoundedMemo<>(4);
        for (int i = 0; i < 4; i++) {
            memo.keep(key(i), i);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(memo.get(key(i))).as("entry %d of 4", i).isEqualTo(i);
        }

        memo.keep(key(4), 4);

        assertThat(memo.get(key(4))).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(memo.get(key(i))).as("entry %d after a fifth", i).isNull();
        }
    }

    private static ByteBuffer key(int i) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(0, i);
    }
}
