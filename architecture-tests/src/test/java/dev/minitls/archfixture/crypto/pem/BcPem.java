package dev.minitls.archfixture.crypto.pem;

import org.bouncycastle.util.encoders.Base64;

/** Shared PEM code that happens to use Bouncy Castle (fine for bc, fatal for jca). */
public final class BcPem {

    private BcPem() {
    }

    /** Decodes a PEM body. */
    public static byte[] decode(String base64) {
        return Base64.decode(base64);
    }
}
