package dev.minitls.cli.soak;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of client a soak sends: good ones of each protocol, and hostile ones from each group of
 * README's "What minitls refuses", each with the start of the one line the server must report it with.
 */
enum SoakCase {
    GOOD_V2("good v2 client, messages echoed", null),
    GOOD_V1("good v1 client", null),
    // framing
    RANDOM_BYTES("random bytes", "malformed message:"),
    NOT_JSON("a line that is not JSON", "malformed message:"),
    NOT_UTF8("a line that is not UTF-8", "malformed message:"),
    EMPTY_LINE("an empty line", "malformed message:"),
    WRONG_SHAPE("JSON of the wrong shape", "malformed message:"),
    MISSING_MEMBER("a ClientHello without its suite", "malformed message:"),
    BAD_HEX("a ClientHello with upper-case hex", "malformed message:"),
    LINE_OVER_LIMIT("a line over 64 KiB", "frame too long:"),
    // order
    SECOND_CLIENT_HELLO("a second ClientHello instead of the Finished", "unexpected message:"),
    // values
    WRONG_VERSION("a ClientHello of version 3", "unsupported protocol version:"),
    LOW_ORDER_KEY("an all-zero X25519 key share", "bad key share:"),
    // records
    TAMPERED_FINISHED("a bit flipped in the client Finished record", "record rejected:"),
    REPLAYED_RECORD("a record sent twice", "record rejected:"),
    V1_TAMPERED_RECORD("a bit flipped in a v1 record", "record rejected:"),
    // the connection
    HANG_UP("connect and hang up", "connection closed by peer:"),
    CUT_CLIENT_HELLO("hang up in the middle of the ClientHello", "connection truncated:"),
    CUT_RECORD("hang up in the middle of a record", "connection truncated:"),
    NO_CLOSE_NOTIFY("hang up after the handshake without close_notify", "connection truncated:"),
    SILENT("connect and send nothing", "timed out:"),
    SLOWLORIS("send the ClientHello one byte at a time", "timed out:");

    private final String label;
    private final String report;

    SoakCase(String label, String report) {
        this.label = label;
        this.report = report;
    }

    String label() {
        return label;
    }

    /** The start of the line the server reports this client with; empty for a good client. */
    Optional<String> report() {
        return Optional.ofNullable(report);
    }

    boolean good() {
        return report == null;
    }

    /** The case of the {@code n}-th connection: every other one good (three v2 for one v1), the rest hostile in turn. */
    static SoakCase forConnection(int n) {
        if (n % 2 == 0) {
            return n % 8 == 6 ? GOOD_V1 : GOOD_V2;
        }
        return HOSTILE.get(n / 2 % HOSTILE.size());
    }

    static final List<SoakCase> HOSTILE = Arrays.stream(values()).filter(c -> !c.good()).toList();
}
