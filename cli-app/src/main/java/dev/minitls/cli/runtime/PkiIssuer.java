package dev.minitls.cli.runtime;

import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.port.RandomSource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Issues a fresh Root CA and server certificate, valid from now, with keys from the operating system. */
public final class PkiIssuer {

    /**
     * The start of every Root CA's common name. A random suffix makes each root's name its own: a client tells a
     * certificate of another root by its issuer's name ({@code unknown_ca}), which two roots of one name would blur
     * into a bad signature ({@code bad_certificate}).
     */
    public static final String ROOT_NAME_PREFIX = "minitls Root CA ";

    /** Random bytes in a root's name, written as hex. */
    static final int ROOT_NAME_RANDOM_BYTES = 8;

    private PkiIssuer() {
    }

    /** @throws UserError when the name or the number of days is not acceptable */
    public static IssuedMaterial issue(String serverName, int days, Clock clock) {
        RandomSource random = new SecureRandomSource();
        String rootName = ROOT_NAME_PREFIX + HexFormat.of().formatHex(random.nextBytes(ROOT_NAME_RANDOM_BYTES));
        IssuanceRequest request;
        try {
            request = new IssuanceRequest(rootName, serverName, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    days);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return new CertificateAuthority(random).issue(request);
    }
}
