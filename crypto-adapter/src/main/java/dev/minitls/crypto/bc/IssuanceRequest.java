package dev.minitls.crypto.bc;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What {@link CertificateAuthority} issues: a root CA named {@code CN=rootCommonName} and a server certificate for
 * {@code serverName} (its CN and its one DNS subjectAltName), both valid from {@code notBefore} for
 * {@code validityDays} days.
 *
 * @param rootCommonName 1 to 64 printable characters
 * @param serverName a DNS host name (letters, digits and hyphens in dot-separated labels), at most 64 characters
 * @param notBefore a whole second, since X.509 times have no fractions
 * @param validityDays 1 to {@value #MAX_VALIDITY_DAYS}
 */
public record IssuanceRequest(String rootCommonName, String serverName, Instant notBefore, int validityDays) {

    public static final int MAX_VALIDITY_DAYS = 36_500;

    /** X.509's upper bound for a common name (ub-common-name, RFC 5280). */
    private static final int MAX_COMMON_NAME_LENGTH = 64;
    private static final String DNS_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

    public IssuanceRequest {
        if (rootCommonName.length() > MAX_COMMON_NAME_LENGTH || !PRINTABLE.matcher(rootCommonName).matches()) {
            throw new IllegalArgumentException(
                    "root CA name must be 1 to " + MAX_COMMON_NAME_LENGTH + " printable characters");
        }
        if (serverName.length() > MAX_COMMON_NAME_LENGTH || !HOST_NAME.matcher(serverName).matches()) {
            throw new IllegalArgumentException("server name must be a DNS host name of at most "
                    + MAX_COMMON_NAME_LENGTH + " characters (letters, digits and hyphens in dot-separated labels)");
        }
        if (notBefore.getNano() != 0) {
            throw new IllegalArgumentException("notBefore must be a whole second, got " + notBefore);
        }
        if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
            throw new IllegalArgumentException(
                    "validity must be 1 to " + MAX_VALIDITY_DAYS + " days, got " + validityDays);
        }
    }

    /** The end of validity: {@code notBefore} plus {@code validityDays} days. */
    public Instant notAfter() {
        return notBefore.plus(Duration.ofDays(validityDays));
    }
}
