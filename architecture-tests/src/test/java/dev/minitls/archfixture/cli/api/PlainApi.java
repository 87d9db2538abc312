package dev.minitls.archfixture.cli.api;

import dev.minitls.archfixture.crypto.jca.JdkHash;

/** Allowed: the library face uses the modules below it, and no command-line parsing. */
public final class PlainApi {

    public String algorithm() {
        return new JdkHash().algorithm();
    }
}
