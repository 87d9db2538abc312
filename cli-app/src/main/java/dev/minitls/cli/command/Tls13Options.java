package dev.minitls.cli.command;

import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --groups} and {@code --suites}: the TLS 1.3 key exchange groups and cipher suites one end offers or takes,
 * in its order of preference. They mean nothing to v1 and v2 (X25519 and ChaCha20-Poly1305 always), so a command
 * refuses them, as a usage error, when it speaks no tls13.
 */
public final class Tls13Options {

    @Option(names = "--groups", paramLabel = "GROUP", split = ",", converter = GroupName.class,
            description = "tls13 only: key exchange groups, comma-separated, in order of preference (default:"
                    + " x25519; known: x25519, secp256r1). A client sends a key share for the first.")
    private List<NamedGroup> groups;

    @Option(names = "--suites", paramLabel = "SUITE", split = ",", converter = SuiteName.class,
            description = "tls13 only: cipher suites, comma-separated, in order of preference (default: all three:"
                    + " TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256).")
    private List<CipherSuite> suites;

    /**
     * The settings these options give, {@link Tls13Settings#DEFAULT} where one is not given.
     *
     * @throws ParameterException when either is given to a command that speaks no tls13 ({@code why} says why not),
     *     or names a group or a suite twice
     */
    Tls13Settings settings(CommandLine command, boolean tls13, String why) {
        if (!tls13 && (groups != null || suites != null)) {
            throw new ParameterException(command, (groups != null ? "--groups" : "--suites")
                    + " needs tls13: " + why);
        }
        try {
            Tls13Settings settings = Tls13Settings.DEFAULT;
            settings = suites != null ? settings.withSuites(suites) : settings;
            return groups != null ? settings.withGroups(groups) : settings;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, e.getMessage());
        }
    }

    /** Why {@code protocol}, when it is v1 or v2, takes neither option. */
    static String fixedIn(ProtocolVersion protocol) {
        return "protocol " + protocol + " always uses x25519 and AES-256-GCM";
    }

    /** Reads one name of {@code --groups}: {@code x25519} or {@code secp256r1}. */
    static final class GroupName implements ITypeConverter<NamedGroup> {
        @Override
        public NamedGroup convert(String value) {
            return known(value, Tls13Settings.implementedGroups(), NamedGroup::name);
        }
    }

    /** Reads one name of {@code --suites}, as RFC 8446 (and OpenSSL's {@code -ciphersuites}) spell it. */
    static final class SuiteName implements ITypeConverter<CipherSuite> {
        @Override
        public CipherSuite convert(String value) {
            return known(value, Tls13Settings.implementedSuites(), CipherSuite::name);
        }
    }

    private static <T> T known(String value, List<T> known, Function<T, String> name) {
        return known.stream().filter(each -> name.apply(each).equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new TypeConversionException("expected one of "
                        + known.stream().map(name).collect(Collectors.joining(", ")) + ", got '" + value + "'"));
    }
}
