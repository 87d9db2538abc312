package dev.minitls.crypto.bc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@link CertificateAuthority} issues: a root CA named {@code CN=rootCommonName}, when asked an intermediate CA
 * named {@code CN=intermediateCommonName} that the root signs, and a server certificate for {@code serverName} (its
 * CN and its one DNS subjectAltName) that the last CA signs, all valid from {@code notBefore} for
 * {@code validityDays} days, all with keys of {@code keyType}.
 *
 * @param rootCommonName 1 to 64 printable characters
 * @param intermediateCommonName when present, 1 to 64 printable characters, not the root's
 * @param serverName a DNS host name (letters, digits and hyphens in dot-separated labels), at most 64 characters
 * @param notBefore a whole second, since X.509 times have no fractions
 * @param validityDays 1 to {@value #MAX_VALIDITY_DAYS}
 * @param keyType the kind of every key
 */
public record IssuanceRequest(String rootCommonName, Optional<String> intermediateCommonName, String serverName,
        Instant notBefore, int validityDays, KeyType keyType) {

    public static final int MAX_VALIDITY_DAYS = 36_500;

    /** X.509's upper bound for a common name (ub-common-name, RFC 5280). */
    private static final int MAX_COMMON_NAME_LENGTH = 64;
    private static final String DNS_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

    public IssuanceRequest {
        requireCommonName("root CA", rootCommonName);
        Objects.requireNonNull(keyType, "keyType");
        intermediateCommonName.ifPresent(name -> requireCommonName("intermediate CA", name));
        if (intermediateCommonName.filter(rootCommonName::equals).isPresent()) {
            throw new IllegalArgumentException("the intermediate CA's name must not be the root CA's");
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

    /** An Ed25519 root CA and server certificate, as the seed's {@code certs} made. */
    public IssuanceRequest(String rootCommonName, String serverName, Instant notBefore, int validityDays) {
        this(rootCommonName, Optional.empty(), serverName, notBefore, validityDays, KeyType.ED25519);
    }

    private static void requireCommonName(String what, String name) {
        if (name.length() > MAX_COMMON_NAME_LENGTH || !PRINTABLE.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + " name must be 1 to " + MAX_COMMON_NAME_LENGTH + " printable characters");
        }
    }

    /** The end of validity: {@code notBefore} plus {@code validityDays} days. */
    public Instant notAfter() {
        return notBefore.plus(Duration.ofDays(validityDays));
    }
}
