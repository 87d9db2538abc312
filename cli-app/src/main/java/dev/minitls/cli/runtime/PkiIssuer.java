package dev.minitls.cli.runtime;

import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Issues a fresh Root CA and server certificate, valid from now, with keys from the operating system. */
public final class PkiIssuer {

    /** The Root CA's common name. */
    public static final String ROOT_NAME = "minitls Root CA";

    private PkiIssuer() {
    }

    /** @throws UserError when the name or the number of days is not acceptable */
    public static IssuedMaterial issue(String serverName, int days, Clock clock) {
        IssuanceRequest request;
        try {
            request = new IssuanceRequest(ROOT_NAME, serverName, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    days);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return new CertificateAuthority(new SecureRandomSource()).issue(request);
    }
}
