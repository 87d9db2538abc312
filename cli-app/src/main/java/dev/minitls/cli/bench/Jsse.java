package dev.minitls.cli.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.Provider;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JSSE implementation a baseline runs on, reached through the JCA only: the JDK's own, or providers given as
 * objects (Bouncy Castle's, from their own class loader: {@link BcJsse}).
 *
 * @param impl the result's name, {@code jsse} or {@code bcjsse}
 * @param provider the result's provider column, e.g. {@code jdk} or {@code bc-1.84}
 * @param tls the provider of the SSLContext and the key and trust manager factories; empty: the JDK's
 * @param keys the provider of the key and certificate factories that read the server's key and the chain; empty:
 *     the JDK's
 */
record Jsse(String impl, String provider, Optional<Provider> tls, Optional<Provider> keys) {

    /** The JDK's TLS: SunJSSE, with the JDK's default key manager factory and PKIX trust manager factory. */
    static final Jsse JDK = new Jsse("jsse", "jdk", Optional.empty(), Optional.empty());

    SSLContext context(String protocol) throws GeneralSecurityException {
        return tls.isPresent() ? SSLContext.getInstance(protocol, tls.get()) : SSLContext.getInstance(protocol);
    }

    KeyManagerFactory keyManagerFactory() throws GeneralSecurityException {
        return tls.isPresent() ? KeyManagerFactory.getInstance("PKIX", tls.get())
                : KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    }

    TrustManagerFactory trustManagerFactory() throws GeneralSecurityException {
        return tls.isPresent() ? TrustManagerFactory.getInstance("PKIX", tls.get())
                : TrustManagerFactory.getInstance("PKIX");
    }

    /** An empty PKCS#12 key store of the key factory's provider, so that the key manager reads keys it knows. */
    KeyStore keyStore() throws GeneralSecurityException, IOException {
        KeyStore store = keys.isPresent() ? KeyStore.getInstance("PKCS12", keys.get()) : KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /** The key factory's provider's X.509 certificate factory: the chain's keys must be of types it knows. */
    CertificateFactory certificateFactory() throws GeneralSecurityException {
        return keys.isPresent() ? CertificateFactory.getInstance("X.509", keys.get())
                : CertificateFactory.getInstance("X.509");
    }

    KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
        return keys.isPresent() ? KeyFactory.getInstance(algorithm, keys.get()) : KeyFactory.getInstance(algorithm);
    }
}
