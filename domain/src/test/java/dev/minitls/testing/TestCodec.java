package dev.minitls.testing;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A plain-text codec for domain tests: one line per message, the type's name and then its fields separated by
 * spaces, byte fields as hex. Unlike protocol v1 it names each message, so a test can send one message where
 * another is expected and check that the state machine, not the codec, refuses it. The v2 codec writes the same
 * lines after a {@code v2} tag, so that each version's codec refuses the other's frames, and only it has alerts, as
 * with the real codecs.
 */
public final class TestCodec implements MessageCodec {

    /** The test codec of protocol v1. */
    public static final TestCodec V1 = new TestCodec("", false);
    /** The test codec of protocol v2. */
    public static final TestCodec V2 = new TestCodec("v2 ", true);

    private static final HexFormat HEX = HexFormat.of();

    private final String tag;
    private final boolean hasAlerts;

    private TestCodec(String tag, boolean hasAlerts) {
        this.tag = tag;
        this.hasAlerts = hasAlerts;
    }

    /** Both versions' test codecs, as handshakes take them. */
    public static WireFormats formats() {
        return new WireFormats(V1, V2);
    }

    @Override
    public byte[] encode(Message message) {
        String line;
        if (message instanceof ClientHello m) {
            line = join("ClientHello", hex(m.random()), m.version(), hex(m.ephemeralPublicKey()), m.suite(),
                    hex(m.serverName().getBytes(StandardCharsets.UTF_8)));
        } else if (message instanceof ServerHello m) {
            line = join("ServerHello", hex(m.random()), m.version(), hex(m.ephemeralPublicKey()), m.suite());
        } else if (message instanceof CertificateMessage m) {
            line = join("Certificate", hex(m.certificatePem()));
        } else if (message instanceof CertificateVerify m) {
            line = join("CertificateVerify", hex(m.signature()));
        } else if (message instanceof Finished m) {
            line = join("Finished", hex(m.mac()));
        } else if (message instanceof ApplicationRecord m) {
            line = join("ApplicationData", m.sequence(), hex(m.ciphertext()));
        } else if (message instanceof AlertMessage m && hasAlerts) {
            line = join("Alert", m.alert().rfcName());
        } else {
            throw new IllegalArgumentException("no " + message.type().wireName() + " in this protocol");
        }
        return (tag + line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Message decode(byte[] frame, MessageType expected) {
        String text = new String(frame, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw malformed("no newline");
        }
        if (text.indexOf('\n') != text.length() - 1) {
            throw malformed("a newline inside the frame");
        }
        if (!text.startsWith(tag)) {
            throw malformed("no \"" + tag.strip() + "\" tag");
        }
        String[] f = text.substring(tag.length(), text.length() - 1).split(" ", -1);
        try {
            return switch (f[0]) {
                case "ClientHello" -> new ClientHello(bytes(f, 1, 6), Integer.parseInt(f[2]), bytes(f, 3, 6),
                        f[4], new String(bytes(f, 5, 6), StandardCharsets.UTF_8));
                case "ServerHello" -> new ServerHello(bytes(f, 1, 5), Integer.parseInt(f[2]), bytes(f, 3, 5), f[4]);
                case "Certificate" -> new CertificateMessage(bytes(f, 1, 2));
                case "CertificateVerify" -> new CertificateVerify(bytes(f, 1, 2));
                case "Finished" -> new Finished(bytes(f, 1, 2));
                case "ApplicationData" -> {
                    requireFields(f, 3);
                    yield new ApplicationRecord(Long.parseLong(f[1]), HEX.parseHex(f[2]));
                }
                case "Alert" -> {
                    if (!hasAlerts) {
                        throw malformed("protocol v1 has no alerts");
                    }
                    requireFields(f, 2);
                    yield new AlertMessage(Alert.fromRfcName(f[1])
                            .orElseThrow(() -> malformed("unknown alert")));
                }
                default -> throw malformed("unknown type");
            };
        } catch (IllegalArgumentException e) {
            throw malformed("a field that is not a number or not hex");
        }
    }

    private static byte[] bytes(String[] fields, int index, int count) {
        requireFields(fields, count);
        return HEX.parseHex(fields[index]);
    }

    private static void requireFields(String[] fields, int count) {
        if (fields.length != count) {
            throw malformed(fields[0] + " needs " + (count - 1) + " fields");
        }
    }

    private static String join(Object... parts) {
        StringBuilder line = new StringBuilder();
        for (Object part : parts) {
            line.append(line.length() == 0 ? "" : " ").append(part);
        }
        return line.toString();
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static ProtocolException malformed(String why) {
        return new ProtocolException(Failure.MALFORMED_MESSAGE, why);
    }
}
