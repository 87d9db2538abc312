package dev.minitls.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SlotsTest {

    private static final InetAddress A = address("127.0.0.2");
    private static final InetAddress B = address("127.0.0.3");
    private static final InetAddress C = address("127.0.0.4");

    @Test
    void anAddressTakesAtMostItsShareAndOthersTheRest() {
        Slots slots = new Slots(3, 2);

        assertThat(slots.tryTake(A)).isEqualTo(Slots.Outcome.TAKEN);
        assertThat(slots.tryTake(A)).isEqualTo(Slots.Outcome.TAKEN);
        assertThat(slots.tryTake(A)).isEqualTo(Slots.Outcome.ADDRESS_TAKEN);
        assertThat(slots.tryTake(B)).as("the address refused did not keep a slot").isEqualTo(Slots.Outcome.TAKEN);
        assertThat(slots.tryTake(C)).isEqualTo(Slots.Outcome.ALL_TAKEN);
    }

    @Test
    void aSlotGivenBackServesItsAddressAndTheOthersAgain() {
        Slots slots = new Slots(2, 1);
        assertThat(slots.tryTake(A)).isEqualTo(Slots.Outcome.TAKEN);
        assertThat(slots.tryTake(B)).isEqualTo(Slots.Outcome.TAKEN);

        slots.release(A);

        assertThat(slots.tryTake(A)).isEqualTo(Slots.Outcome.TAKEN);
        slots.release(A);
        assertThat(slots.tryTake(C)).isEqualTo(Slots.Outcome.TAKEN);
        assertThat(slots.tryTake(A)).isEqualTo(Slots.Outcome.ALL_TAKEN);
    }

    @Test
    void capsBelowOneAreRefused() {
        assertThatThrownBy(() -> new Slots(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caps must be at least 1, got 0 and 1");
        assertThatThrownBy(() -> new Slots(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caps must be at least 1, got 1 and 0");
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
