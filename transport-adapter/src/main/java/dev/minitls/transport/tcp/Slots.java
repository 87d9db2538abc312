package dev.minitls.transport.tcp;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A cap on something a server does at once (connections, handshakes), in all and per client address, so that one
 * address cannot take every slot. A slot taken must be given back with {@link #release(InetAddress)}.
 */
public final class Slots {

    /** What {@link #tryTake(InetAddress)} did. */
    public enum Outcome {
        /** A slot was taken. */
        TAKEN,
        /** None: all of them are taken. */
        ALL_TAKEN,
        /** None: that address holds its share already. */
        ADDRESS_TAKEN
    }

    private final int perAddress;
    private final Semaphore all;
    private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when a cap is below 1 */
    public Slots(int total, int perAddress) {
        if (total < 1 || perAddress < 1) {
            throw new IllegalArgumentException("caps must be at least 1, got " + total + " and " + perAddress);
        }
        this.perAddress = perAddress;
        this.all = new Semaphore(total);
    }

    /** Takes a slot for {@code address} when one is free, in all and for that address. */
    public Outcome tryTake(InetAddress address) {
        if (!all.tryAcquire()) {
            return Outcome.ALL_TAKEN;
        }
        boolean[] taken = new boolean[1];
        byAddress.compute(address, (key, held) -> {
            int count = held == null ? 0 : held;
            taken[0] = count < perAddress;
            return taken[0] ? count + 1 : held;
        });
        if (!taken[0]) {
            all.release();
            return Outcome.ADDRESS_TAKEN;
        }
        return Outcome.TAKEN;
    }

    /** Gives back a slot that {@link #tryTake(InetAddress)} took for {@code address}. */
    public void release(InetAddress address) {
        byAddress.computeIfPresent(address, (key, held) -> held == 1 ? null : held - 1);
        all.release();
    }
}
