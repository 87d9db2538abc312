package dev.minitls.domain.trust;

import java.util.regex.Pattern;

/**
 * Whether a DNS name in a certificate names the host the client asked for (RFC 6125 section 6.4, as RFC 9525 and
 * the Web PKI's Baseline Requirements narrow it). Names compare as ASCII, ignoring case; anything outside ASCII never
 * matches (Unicode case folding would let, say, a Kelvin sign in a certificate stand for a {@code k}). A wildcard is
 * only a whole left-most label {@code *}, standing for exactly one label that is not an IDNA A-label
 * ({@code xn--...}), and needs at least two labels after it (so never {@code *.com}); a {@code *} anywhere else, a
 * partial {@code f*} label or an empty label makes a name that matches nothing; a host with a {@code *} is no host.
 * An IP address is no DNS name: a host written as one ({@code 127.0.0.1}, {@code ::1}) matches no dNSName, wildcard
 * or not (RFC 6125 section 6.4.4; an IP address would need an iPAddress entry, which minitls does not check, so it
 * refuses rather than guess).
 */
public final class HostNames {

    /** A dotted-quad IPv4 address, compiled once (a handshake checks a name against it). */
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private static final String WILDCARD = "*.";
    private static final String A_LABEL_PREFIX = "xn--";

    private HostNames() {
    }

    static boolean matches(String certificateName, String host) {
        if (!isAscii(certificateName) || !isAscii(host) || host.indexOf('*') >= 0 || isIpAddress(host)) {
            return false;
        }
        if (!certificateName.startsWith(WILDCARD)) {
            return certificateName.indexOf('*') < 0 && certificateName.equalsIgnoreCase(host);
        }
        String rest = certificateName.substring(WILDCARD.length());
        if (rest.indexOf('*') >= 0 || labels(rest) < 2) {
            return false;
        }
        int dot = host.indexOf('.');
        if (dot <= 0 || host.regionMatches(true, 0, A_LABEL_PREFIX, 0, A_LABEL_PREFIX.length())) {
            return false;
        }
        return host.substring(dot + 1).equalsIgnoreCase(rest);
    }

    /** The number of labels in {@code name}, or 0 when one of them is empty. */
    private static int labels(String name) {
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return 0;
            }
        }
        return labels.length;
    }

    /** An IPv6 literal (it has a colon, which no DNS name has) or four dotted decimal labels (IPv4). */
    public static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
