package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.crypto.pem.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The baseline: the JDK's own TLS (JSSE) configured as a careful engineer would for the same job. TLS 1.3 only,
 * TLS_AES_256_GCM_SHA384 (AES-256-GCM like minitls), named group x25519 only, the same Ed25519 certificate chain
 * (a PKCS#12 key store built in memory from the same PEM text), host name verification on, TCP_NODELAY on both
 * sides, a thread per connection on the server; session resumption off: both sides invalidate every session, so
 * every handshake is full (the client's trust manager counts them to prove it). The server still issues its
 * session tickets, as a JSSE server does whether they are used or not.
 */
final class JsseTarget implements Target {

    static final String PROTOCOL = "TLSv1.3";
    static final String CIPHER_SUITE = "TLS_AES_256_GCM_SHA384";
    private static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";
    private static final String NAMED_GROUP = "x25519";
    private static final char[] STORE_PASSWORD = "bench".toCharArray();
    private static final int READ_TIMEOUT_MILLIS = 5 * 60 * 1000;
    private static final int BUFFER = 16 * 1024;

    private final Behaviour behaviour;
    private final SSLServerSocket serverSocket;
    /**
     * One client context per client thread, as separate clients would have: a session is invalidated once its
     * connection is done, but between the moment a client stores the server's ticket and that moment, a client
     * sharing its session cache could resume it.
     */
    private final ThreadLocal<SSLSocketFactory> clientFactory;
    private final CountingTrustManager trust;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("minitls-bench-jsse"));
    private final Thread acceptor;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();

    JsseTarget(BenchPki pki, Behaviour behaviour) {
        // JDK 17 has no API for the named groups; JSSE reads the property once, when it first needs it.
        requireProperty(NAMED_GROUPS_PROPERTY, NAMED_GROUP);
        this.behaviour = behaviour;
        try {
            X509Certificate root = certificate(pki.rootCertificatePem());
            X509Certificate server = certificate(pki.serverCertificatePem());
            this.trust = new CountingTrustManager(trustManager(root));
            this.serverSocket = serverSocket(serverContext(pki, server, root));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the JSSE baseline", e);
        }
        this.clientFactory = ThreadLocal.withInitial(() -> clientContext(trust).getSocketFactory());
        this.acceptor = new Thread(this::acceptLoop, "minitls-bench-jsse-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public String impl() {
        return "jsse";
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public String provider() {
        return "jdk";
    }

    @Override
    public Session connect() {
        try {
            Socket tcp = new Socket();
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort()));
            SSLSocket socket = (SSLSocket) clientFactory.get().createSocket(tcp, BenchPki.SERVER_NAME,
                    serverSocket.getLocalPort(), true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            SSLParameters parameters = tls13();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            connects.incrementAndGet();
            return new JsseSession(socket, socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("JSSE client: " + e.getMessage(), e);
        }
    }

    /** Connections whose handshake did not check the server's certificate chain: only a resumed one skips it. */
    @Override
    public long resumedHandshakes() {
        return connects.get() - trust.serverChecks.get();
    }

    @Override
    public long serverFailures() {
        return failures.get();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
            acceptor.join();
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (true) {
            SSLSocket socket;
            try {
                socket = (SSLSocket) serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            workers.execute(() -> serve(socket));
        }
    }

    /** The server's side: the handshake happens on the first read; then echo or drop, as {@link MinitlsTarget}. */
    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[BUFFER];
            boolean invalidated = false;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!invalidated) {
                    socket.getSession().invalidate();
                    invalidated = true;
                }
                if (behaviour == Behaviour.ECHO) {
                    out.write(buffer, 0, read);
                }
            }
            if (behaviour == Behaviour.SINK) {
                out.write(1); // the client half-closed: everything it sent has been read
            }
        } catch (SocketException e) {
            // the client went away, as clients do at the end of a run
        } catch (IOException e) {
            failures.incrementAndGet();
        }
    }

    /** One client session; the end of a stream is TLS 1.3's half-close (close_notify), answered with one byte. */
    private static final class JsseSession implements Session {

        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[BUFFER];

        JsseSession(SSLSocket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        @Override
        public void send(byte[] data) {
            try {
                out.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException("JSSE client: " + e.getMessage(), e);
            }
        }

        @Override
        public void receiveEcho(int length) {
            try {
                int left = length;
                while (left > 0) {
                    int read = in.read(buffer, 0, Math.min(left, buffer.length));
                    if (read < 0) {
                        throw new IllegalStateException("the server closed with " + left + " bytes to come");
                    }
                    left -= read;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("JSSE client: " + e.getMessage(), e);
            }
        }

        @Override
        public void drain() {
            try {
                socket.shutdownOutput();
                if (in.read() != 1) {
                    throw new IllegalStateException("the server did not confirm the end of the stream");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("JSSE client: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            socket.getSession().invalidate();
            try {
                socket.close();
            } catch (IOException e) {
                // the session is over either way
            }
        }
    }

    /** Sets a system property JSSE reads, or checks that it already has the value the baseline needs. */
    private static void requireProperty(String name, String value) {
        String current = System.getProperty(name);
        if (current == null) {
            System.setProperty(name, value);
        } else if (!current.equals(value)) {
            throw new UserError("the JSSE baseline needs -D" + name + "=" + value + ", not " + current);
        }
    }

    private static SSLParameters tls13() {
        SSLParameters parameters = new SSLParameters(new String[] {CIPHER_SUITE}, new String[] {PROTOCOL});
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private SSLServerSocket serverSocket(SSLContext context) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 0, InetAddress.getLoopbackAddress());
        socket.setSSLParameters(tls13());
        return socket;
    }

    private static SSLContext serverContext(BenchPki pki, X509Certificate server, X509Certificate root)
            throws GeneralSecurityException, IOException {
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", pki.serverPrivateKeyPem())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, STORE_PASSWORD, new Certificate[] {server, root});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up a JSSE client", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(X509Certificate root)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
    }

    private static X509Certificate certificate(byte[] pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Pem.decode("CERTIFICATE", pem)));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The JDK's PKIX trust manager, counting the server chains it checked: one per full handshake. */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;
        private final AtomicLong serverChecks = new AtomicLong();

        CountingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            serverChecks.incrementAndGet();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            serverChecks.incrementAndGet();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            serverChecks.incrementAndGet();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
