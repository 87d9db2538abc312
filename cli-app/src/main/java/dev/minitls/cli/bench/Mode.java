package dev.minitls.cli.bench;

/** What {@code minitls bench} measures. */
public enum Mode {
    /** New connections, each a full handshake and one small record echoed: handshakes/s and latency. */
    handshakes("handshakes/s", "handshakes_per_s", 32),
    /** One session streaming records one way: MiB/s of plaintext. */
    bulk("MiB/s", "mib_per_s", 16 * 1024),
    /** One session, each record echoed before the next is sent: round trips/s. */
    echo("round trips/s", "round_trips_per_s", 1024),
    /**
     * Many sessions established at once and left idle: the heap each one costs, the server's side alone in tls13
     * (the clients in another JVM), both ends together in v1 and v2.
     */
    sessions("heap bytes/session", "heap_bytes_per_session", 32);

    private final String unit;
    private final String jsonName;
    private final int defaultSize;

    Mode(String unit, String jsonName, int defaultSize) {
        this.unit = unit;
        this.jsonName = jsonName;
        this.defaultSize = defaultSize;
    }

    /** The unit of the mode's figure, e.g. {@code handshakes/s}. */
    public String unit() {
        return unit;
    }

    /** The figure's member name in JSON output. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether the mode measures one session for a set time (bulk, echo), rather than a number of connections. */
    public boolean timedSession() {
        return this == bulk || this == echo;
    }

    /** The record size when {@code --size} is not given. */
    public int defaultSize() {
        return defaultSize;
    }
}
