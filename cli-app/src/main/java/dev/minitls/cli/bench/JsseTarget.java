package dev.minitls.cli.bench;

import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.tls13.NamedGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * A baseline: a JSSE implementation, the JDK's own ({@link Jsse#JDK}) or Bouncy Castle's ({@link BcJsse}), configured
 * as a careful engineer would for the same job, through the {@code javax.net.ssl} interfaces only. TLS 1.3 only, the
 * one cipher suite of the {@link Algorithms}, the same certificate chain (a PKCS#12 key store built in memory from
 * the same PEM text, its key read by the implementation's own key factory), host name verification on, TCP_NODELAY
 * on both sides, a thread per connection on the server; session resumption off: both sides invalidate every session,
 * so every handshake is full (the client's trust manager counts them to prove it).
 *
 * <p>The named group: JDK 17 has no API for it, only the {@code jdk.tls.namedGroups} system property, which the JDK
 * reads once, when it first needs it, and which Bouncy Castle's JSSE reads too. The first baseline of a process sets
 * it, the group asked for first (unless it was set on the command line); a later baseline asking for another group
 * cannot change it, so each result names the groups its implementation had, the one used first ({@link #setup()}).
 */
final class JsseTarget implements Target {

    static final String PROTOCOL = "TLSv1.3";
    private static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";
    private static final char[] STORE_PASSWORD = "bench".toCharArray();
    private static final int READ_TIMEOUT_MILLIS = 5 * 60 * 1000;
    private static final int BUFFER = 16 * 1024;
    /** The last byte of a stream to a sinking server; the records before it are all zero bytes. */
    private static final int END_OF_STREAM = 1;

    private final Jsse jsse;
    private final String suite;
    private final String group;
    private final BenchResult.Setup setup;
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

    JsseTarget(Jsse jsse, Algorithms algorithms, BenchPki pki, Behaviour behaviour) {
        this.jsse = jsse;
        this.suite = algorithms.suite().name();
        this.group = namedGroups(algorithms.group());
        this.setup = new BenchResult.Setup(suite, group, pki.keyType().toString());
        this.behaviour = behaviour;
        try {
            X509Certificate root = certificate(jsse, pki.rootCertificatePem());
            X509Certificate server = certificate(jsse, pki.serverCertificatePem());
            this.trust = new CountingTrustManager(trustManager(jsse, root));
            this.serverSocket = serverSocket(serverContext(jsse, pki, server, root));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the " + jsse.impl() + " baseline", e);
        }
        this.clientFactory = ThreadLocal.withInitial(() -> clientContext(jsse, trust).getSocketFactory());
        this.acceptor = new Thread(this::acceptLoop, "minitls-bench-jsse-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public String impl() {
        return jsse.impl();
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public String provider() {
        return jsse.provider();
    }

    /** The group named is the one the implementation was offered: the value of {@code jdk.tls.namedGroups}. */
    @Override
    public Optional<BenchResult.Setup> setup() {
        return Optional.of(setup);
    }

    @Override
    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public Session connect() {
        try {
            Socket tcp = new Socket(Proxy.NO_PROXY); // direct, as minitls's client connects
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
            SSLSocket socket = (SSLSocket) clientFactory.get().createSocket(tcp, BenchPki.SERVER_NAME,
                    port(), true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            SSLParameters parameters = tls13(suite);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            connects.incrementAndGet();
            return new JsseSession(socket, socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(jsse.impl() + " client: " + e.getMessage(), e);
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
                } else if (buffer[read - 1] == END_OF_STREAM) {
                    out.write(END_OF_STREAM); // everything the client sent has been read
                }
            }
        } catch (SocketException e) {
            // the client went away, as clients do at the end of a run
        } catch (IOException e) {
            failures.incrementAndGet();
        }
    }

    /**
     * One client session. The end of a stream is one byte, {@link #END_OF_STREAM}, which the sinking server answers
     * with the same: the records a benchmark streams hold zero bytes only. (Not TLS 1.3's half-close: Bouncy Castle's
     * TLS answers a close_notify with its own at once, before the server could say it read everything.)
     */
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
                throw new UncheckedIOException("JSSE client session: " + e.getMessage(), e);
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
                throw new UncheckedIOException("JSSE client session: " + e.getMessage(), e);
            }
        }

        @Override
        public void drain() {
            try {
                out.write(END_OF_STREAM);
                if (in.read() != END_OF_STREAM) {
                    throw new IllegalStateException("the server did not confirm the end of the stream");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("JSSE client session: " + e.getMessage(), e);
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

    /**
     * Sets {@code jdk.tls.namedGroups} to {@code group} first, then the other group minitls implements, unless it is
     * set already; returns its value, the groups the JSSE implementations of this process support. The client sends
     * a key share for its first group only, and the server takes it: the first group is the one used. The second is
     * there because both implementations offer the ECDSA P-256 signature scheme only when secp256r1 is a group they
     * support.
     */
    private static synchronized String namedGroups(NamedGroup group) {
        if (System.getProperty(NAMED_GROUPS_PROPERTY) == null) {
            System.setProperty(NAMED_GROUPS_PROPERTY, Stream.concat(Stream.of(group),
                    Algorithms.GROUPS.stream().filter(other -> !other.equals(group)))
                    .map(NamedGroup::name).collect(Collectors.joining(",")));
        }
        return System.getProperty(NAMED_GROUPS_PROPERTY);
    }

    private static SSLParameters tls13(String suite) {
        SSLParameters parameters = new SSLParameters(new String[] {suite}, new String[] {PROTOCOL});
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private SSLServerSocket serverSocket(SSLContext context) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 0, InetAddress.getLoopbackAddress());
        socket.setSSLParameters(tls13(suite));
        return socket;
    }

    private static SSLContext serverContext(Jsse jsse, BenchPki pki, X509Certificate server, X509Certificate root)
            throws GeneralSecurityException, IOException {
        PrivateKey key = jsse.keyFactory(keyAlgorithm(pki.keyType()))
                .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", pki.serverPrivateKeyPem())));
        KeyStore store = jsse.keyStore();
        store.setKeyEntry("server", key, STORE_PASSWORD, new Certificate[] {server, root});
        KeyManagerFactory keys = jsse.keyManagerFactory();
        keys.init(store, STORE_PASSWORD);
        SSLContext context = jsse.context(PROTOCOL);
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The JCA name of the key type's algorithm. */
    private static String keyAlgorithm(KeyType keyType) {
        return switch (keyType) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256 -> "EC";
            case RSA_2048 -> "RSA";
        };
    }

    private static SSLContext clientContext(Jsse jsse, TrustManager trust) {
        try {
            SSLContext context = jsse.context(PROTOCOL);
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up a JSSE client", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(Jsse jsse, X509Certificate root)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory factory = jsse.trustManagerFactory();
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException(jsse.impl() + "'s PKIX trust manager factory made no X509ExtendedTrustManager");
    }

    private static X509Certificate certificate(Jsse jsse, byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) jsse.certificateFactory()
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

    /** The implementation's PKIX trust manager, counting the server chains it checked: one per full handshake. */
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
