package dev.minitls.domain.tls13;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A hello or EncryptedExtensions extension (RFC 8446 section 4.2) as a typed value. Some extensions have one form
 * in a ClientHello and another in a ServerHello or HelloRetryRequest (key_share, supported_versions); each form is
 * its own record. An extension minitls does not model is kept whole as {@link Unknown}.
 */
public sealed interface Extension {

    /** The extension of {@code kind} in {@code extensions}, if there is one (the codec refuses duplicates). */
    static <T extends Extension> Optional<T> find(List<Extension> extensions, Class<T> kind) {
        return extensions.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** server_name (RFC 6066): the client's one host name; the server's acknowledgement is the empty list. */
    record ServerName(List<String> hostNames) implements Extension {
        public ServerName {
            hostNames = List.copyOf(hostNames);
        }
    }

    /** supported_groups: the groups a side can use for key exchange, in its order of preference. */
    record SupportedGroups(List<NamedGroup> groups) implements Extension {
        public SupportedGroups {
            groups = List.copyOf(groups);
        }
    }

    /** signature_algorithms: the schemes the sender accepts in CertificateVerify. */
    record SignatureAlgorithms(List<SignatureScheme> schemes) implements Extension {
        public SignatureAlgorithms {
            schemes = List.copyOf(schemes);
        }
    }

    /** signature_algorithms_cert: the schemes the sender accepts in certificates. */
    record SignatureAlgorithmsCert(List<SignatureScheme> schemes) implements Extension {
        public SignatureAlgorithmsCert {
            schemes = List.copyOf(schemes);
        }
    }

    /** supported_versions in a ClientHello: the versions offered, e.g. 0x0304 for TLS 1.3. */
    record OfferedVersions(List<Integer> versions) implements Extension {
        public OfferedVersions {
            versions = List.copyOf(versions);
        }
    }

    /** supported_versions in a ServerHello or HelloRetryRequest: the one version the server chose. */
    record SelectedVersion(int version) implements Extension {
    }

    /** key_share in a ClientHello: one share per group the client offers a key for, in its order of preference. */
    record ClientKeyShares(List<KeyShareEntry> shares) implements Extension {
        public ClientKeyShares {
            shares = List.copyOf(shares);
        }
    }

    /** key_share in a ServerHello: the server's share, in one of the groups the client sent a share for. */
    record ServerKeyShare(KeyShareEntry share) implements Extension {
        public ServerKeyShare {
            Objects.requireNonNull(share, "share");
        }
    }

    /** key_share in a HelloRetryRequest: the group the server wants the client's second ClientHello to use. */
    record RetryKeyShare(NamedGroup selectedGroup) implements Extension {
        public RetryKeyShare {
            Objects.requireNonNull(selectedGroup, "selectedGroup");
        }
    }

    /** cookie (section 4.2.2): opaque state a HelloRetryRequest asks the client to echo. */
    record Cookie(byte[] cookie) implements Extension {
        public Cookie {
            Objects.requireNonNull(cookie, "cookie");
        }
    }

    /** psk_key_exchange_modes (section 4.2.9): 0 psk_ke, 1 psk_dhe_ke, or values minitls does not know. */
    record PskKeyExchangeModes(List<Integer> modes) implements Extension {
        public PskKeyExchangeModes {
            modes = List.copyOf(modes);
        }
    }

    /** Any other extension, its number and its bytes as they came. */
    record Unknown(int type, byte[] data) implements Extension {
        public Unknown {
            CodePoints.uint16("an extension type", type);
            Objects.requireNonNull(data, "data");
        }
    }

    /** One key share: a group and the sender's public value for it. */
    record KeyShareEntry(NamedGroup group, byte[] keyExchange) {
        public KeyShareEntry {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(keyExchange, "keyExchange");
        }
    }
}
