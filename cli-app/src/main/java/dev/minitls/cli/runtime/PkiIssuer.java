package dev.minitls.cli.runtime;

import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.port.RandomSource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues a fresh Root CA (and, when asked, an intermediate CA) and server certificate, valid from now, with keys of
 * one type from the operating system.
 */
public final class PkiIssuer {

    /**
     * The start of every Root CA's common name. A random suffix makes each root's name its own: a client tells a
     * certificate of another root by its issuer's name ({@code unknown_ca}), which two roots of one name would blur
     * into a bad signature ({@code bad_certificate}).
     */
    public static final String ROOT_NAME_PREFIX = "minitls Root CA ";

    /** The start of every intermediate CA's common name; the root's random suffix follows it. */
    public static final String INTERMEDIATE_NAME_PREFIX = "minitls Intermediate CA ";

    /** Random bytes in a root's name, written as hex. */
    static final int ROOT_NAME_RANDOM_BYTES = 8;

    private PkiIssuer() {
    }

    /** An Ed25519 Root CA and server certificate. @throws UserError when the name or days are not acceptable */
    public static IssuedMaterial issue(String serverName, int days, Clock clock) {
        return issue(serverName, days, clock, KeyType.ED25519, false);
    }

    /** @throws UserError when the name or the number of days is not acceptable */
    public static IssuedMaterial issue(String serverName, int days, Clock clock, KeyType keyType,
            boolean intermediate) {
        RandomSource random = new SecureRandomSource();
        String suffix = HexFormat.of().formatHex(random.nextBytes(ROOT_NAME_RANDOM_BYTES));
        IssuanceRequest request;
        try {
            request = new IssuanceRequest(ROOT_NAME_PREFIX + suffix,
                    intermediate ? Optional.of(INTERMEDIATE_NAME_PREFIX + suffix) : Optional.empty(), serverName,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS), days, keyType);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return new CertificateAuthority(random).issue(request);
    }
}
