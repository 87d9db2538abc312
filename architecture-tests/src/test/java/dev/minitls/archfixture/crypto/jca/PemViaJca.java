package dev.minitls.archfixture.crypto.jca;

import dev.minitls.archfixture.crypto.pem.BcPem;

/** Breaks rule 4: the JDK-only provider reaches Bouncy Castle through shared PEM code. */
public final class PemViaJca {

    byte[] body(String base64) {
        return BcPem.decode(base64);
    }
}
