package dev.minitls.transport.tls13;

import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Extension.ClientKeyShares;
import dev.minitls.domain.tls13.Extension.Cookie;
import dev.minitls.domain.tls13.Extension.KeyShareEntry;
import dev.minitls.domain.tls13.Extension.OfferedVersions;
import dev.minitls.domain.tls13.Extension.PskKeyExchangeModes;
import dev.minitls.domain.tls13.Extension.RetryKeyShare;
import dev.minitls.domain.tls13.Extension.SelectedVersion;
import dev.minitls.domain.tls13.Extension.ServerKeyShare;
import dev.minitls.domain.tls13.Extension.ServerName;
import dev.minitls.domain.tls13.Extension.SignatureAlgorithms;
import dev.minitls.domain.tls13.Extension.SignatureAlgorithmsCert;
import dev.minitls.domain.tls13.Extension.SupportedGroups;
import dev.minitls.domain.tls13.Extension.Unknown;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The extensions block of a message (RFC 8446 section 4.2): a 2-byte length, then each extension's type, a 2-byte
 * length and its data. An extension minitls models is decoded in the form of the message it is in, and refused
 * with {@code illegal_parameter} in a message section 4.2 does not allow it in; an extension of the same type
 * twice in one block is {@code illegal_parameter} too; any other extension is kept as it came.
 */
final class ExtensionCodec {

    static final int SERVER_NAME = 0;
    static final int SUPPORTED_GROUPS = 10;
    static final int SIGNATURE_ALGORITHMS = 13;
    static final int SUPPORTED_VERSIONS = 43;
    static final int COOKIE = 44;
    static final int PSK_KEY_EXCHANGE_MODES = 45;
    static final int SIGNATURE_ALGORITHMS_CERT = 50;
    static final int KEY_SHARE = 51;

    /** The messages that carry an extensions block, each with the extensions minitls models that it may hold. */
    enum Context {
        CLIENT_HELLO("ClientHello", Set.of(SERVER_NAME, SUPPORTED_GROUPS, SIGNATURE_ALGORITHMS, SUPPORTED_VERSIONS,
                COOKIE, PSK_KEY_EXCHANGE_MODES, SIGNATURE_ALGORITHMS_CERT, KEY_SHARE)),
        SERVER_HELLO("ServerHello", Set.of(SUPPORTED_VERSIONS, KEY_SHARE)),
        HELLO_RETRY_REQUEST("HelloRetryRequest", Set.of(SUPPORTED_VERSIONS, COOKIE, KEY_SHARE)),
        ENCRYPTED_EXTENSIONS("EncryptedExtensions", Set.of(SERVER_NAME, SUPPORTED_GROUPS)),
        CERTIFICATE_ENTRY("Certificate", Set.of()),
        NEW_SESSION_TICKET("NewSessionTicket", Set.of());

        private final String messageName;
        private final Set<Integer> allowed;

        Context(String messageName, Set<Integer> allowed) {
            this.messageName = messageName;
            this.allowed = allowed;
        }

        String messageName() {
            return messageName;
        }
    }

    private static final Set<Integer> MODELLED = Set.of(SERVER_NAME, SUPPORTED_GROUPS, SIGNATURE_ALGORITHMS,
            SUPPORTED_VERSIONS, COOKIE, PSK_KEY_EXCHANGE_MODES, SIGNATURE_ALGORITHMS_CERT, KEY_SHARE);

    private ExtensionCodec() {
    }

    /** Reads a whole extensions block: its length, then the extensions, in order. */
    static List<Extension> read(WireReader in, Context context) {
        WireReader block = in.vector("extensions", 2, 0, 0xFFFF, 1);
        List<Extension> extensions = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.hasMore()) {
            int type = block.u16("extension type");
            byte[] data = block.opaque("extension " + type, 2, 0, 0xFFFF);
            if (!seen.add(type)) {
                throw block.illegal("extension " + type + " appears twice");
            }
            extensions.add(decode(block, type, data, context));
        }
        return extensions;
    }

    /** Writes a whole extensions block. */
    static void write(WireWriter out, List<Extension> extensions) {
        out.vector(2, block -> extensions.forEach(extension -> {
            WireWriter data = new WireWriter();
            block.u16(encode(extension, data));
            block.opaque(2, data.toByteArray());
        }));
    }

    private static Extension decode(WireReader block, int type, byte[] bytes, Context context) {
        if (!MODELLED.contains(type)) {
            return new Unknown(type, bytes);
        }
        if (!context.allowed.contains(type)) {
            throw block.illegal("extension " + type + " is not allowed in " + context.messageName());
        }
        WireReader data = new WireReader(context.messageName() + ": extension " + type, bytes);
        Extension extension = switch (type) {
            case SERVER_NAME -> serverName(data, context);
            case SUPPORTED_GROUPS -> new SupportedGroups(groups(data));
            case SIGNATURE_ALGORITHMS -> new SignatureAlgorithms(schemes(data));
            case SIGNATURE_ALGORITHMS_CERT -> new SignatureAlgorithmsCert(schemes(data));
            case SUPPORTED_VERSIONS -> context == Context.CLIENT_HELLO
                    ? new OfferedVersions(data.vector("versions", 1, 2, 254, 2).each(in -> in.u16("version")))
                    : new SelectedVersion(data.u16("selected_version"));
            case COOKIE -> new Cookie(data.opaque("cookie", 2, 1, 0xFFFF));
            case PSK_KEY_EXCHANGE_MODES -> new PskKeyExchangeModes(
                    data.vector("ke_modes", 1, 1, 255, 1).each(in -> in.u8("ke_mode")));
            default -> keyShare(data, context);
        };
        data.expectEnd("extension " + type);
        return extension;
    }

    private static int encode(Extension extension, WireWriter data) {
        if (extension instanceof ServerName name) {
            if (!name.hostNames().isEmpty()) {
                data.vector(2, list -> name.hostNames().forEach(host -> list.u8(0).opaque(2, hostName(host))));
            }
            return SERVER_NAME;
        } else if (extension instanceof SupportedGroups groups) {
            data.vector(2, list -> groups.groups().forEach(group -> list.u16(group.code())));
            return SUPPORTED_GROUPS;
        } else if (extension instanceof SignatureAlgorithms algorithms) {
            writeSchemes(data, algorithms.schemes());
            return SIGNATURE_ALGORITHMS;
        } else if (extension instanceof SignatureAlgorithmsCert algorithms) {
            writeSchemes(data, algorithms.schemes());
            return SIGNATURE_ALGORITHMS_CERT;
        } else if (extension instanceof OfferedVersions offered) {
            data.vector(1, list -> offered.versions().forEach(list::u16));
            return SUPPORTED_VERSIONS;
        } else if (extension instanceof SelectedVersion selected) {
            data.u16(selected.version());
            return SUPPORTED_VERSIONS;
        } else if (extension instanceof Cookie cookie) {
            data.opaque(2, cookie.cookie());
            return COOKIE;
        } else if (extension instanceof PskKeyExchangeModes modes) {
            data.vector(1, list -> modes.modes().forEach(list::u8));
            return PSK_KEY_EXCHANGE_MODES;
        } else if (extension instanceof ClientKeyShares shares) {
            data.vector(2, list -> shares.shares().forEach(share -> writeShare(list, share)));
            return KEY_SHARE;
        } else if (extension instanceof ServerKeyShare share) {
            writeShare(data, share.share());
            return KEY_SHARE;
        } else if (extension instanceof RetryKeyShare retry) {
            data.u16(retry.selectedGroup().code());
            return KEY_SHARE;
        }
        Unknown unknown = (Unknown) extension;
        data.bytes(unknown.data());
        return unknown.type();
    }

    /**
     * server_name: in a ClientHello a list of exactly one host_name (RFC 6066: one name per type, and host_name is
     * the only type), printable ASCII; in a server's message, empty.
     */
    private static ServerName serverName(WireReader data, Context context) {
        if (context != Context.CLIENT_HELLO) {
            return new ServerName(List.of());
        }
        WireReader list = data.vector("server_name_list", 2, 1, 0xFFFF, 1);
        int nameType = list.u8("name_type");
        if (nameType != 0) {
            throw list.malformed("server name type " + nameType + "; only host_name (0) is defined");
        }
        byte[] host = list.opaque("host_name", 2, 1, 0xFFFF);
        for (byte b : host) {
            if (b < 0x21 || b > 0x7E) {
                throw list.malformed("host_name holds a byte that is not printable ASCII");
            }
        }
        if (list.hasMore()) {
            throw list.illegal("server_name_list holds more than one name");
        }
        return new ServerName(List.of(new String(host, StandardCharsets.US_ASCII)));
    }

    private static byte[] hostName(String host) {
        if (!host.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("a host name is printable ASCII");
        }
        return host.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<NamedGroup> groups(WireReader data) {
        return data.vector("named_group_list", 2, 2, 0xFFFF, 2).each(in -> new NamedGroup(in.u16("named group")));
    }

    private static List<SignatureScheme> schemes(WireReader data) {
        return data.vector("supported_signature_algorithms", 2, 2, 0xFFFE, 2)
                .each(in -> new SignatureScheme(in.u16("signature scheme")));
    }

    private static void writeSchemes(WireWriter data, List<SignatureScheme> schemes) {
        data.vector(2, list -> schemes.forEach(scheme -> list.u16(scheme.code())));
    }

    /** key_share: the client's list (one share per group at most), the server's one share, or the HRR's group. */
    private static Extension keyShare(WireReader data, Context context) {
        return switch (context) {
            case SERVER_HELLO -> new ServerKeyShare(share(data));
            case HELLO_RETRY_REQUEST -> new RetryKeyShare(new NamedGroup(data.u16("selected_group")));
            default -> {
                WireReader list = data.vector("client_shares", 2, 0, 0xFFFF, 1);
                List<KeyShareEntry> shares = list.each(ExtensionCodec::share);
                if (shares.stream().map(KeyShareEntry::group).distinct().count() < shares.size()) {
                    throw list.illegal("two key shares for one group");
                }
                yield new ClientKeyShares(shares);
            }
        };
    }

    private static KeyShareEntry share(WireReader in) {
        NamedGroup group = new NamedGroup(in.u16("key share group"));
        return new KeyShareEntry(group, in.opaque("key_exchange", 2, 1, 0xFFFF));
    }

    private static void writeShare(WireWriter out, KeyShareEntry share) {
        out.u16(share.group().code()).opaque(2, share.keyExchange());
    }
}
