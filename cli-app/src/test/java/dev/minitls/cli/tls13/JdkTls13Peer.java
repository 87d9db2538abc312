package dev.minitls.cli.tls13;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's TLS 1.3 as a peer in a JVM of its own, for what JDK 17 sets only for a whole JVM: its named groups
 * ({@code -Djdk.tls.namedGroups}; {@code SSLParameters.setNamedGroups} comes with JDK 20). One connection, one line
 * each way, then close_notify; it prints what a test waits for, and every read is bounded.
 *
 * <pre>
 *   server STORE.p12 PASSWORD SUITE       prints "LISTENING port", echoes one line as "jdk echoes: LINE"
 *   client PORT TRUST.p12 PASSWORD NAME SUITE   sends "from the jdk", prints "ECHOED LINE" (host name verification on)
 * </pre>
 */
public final class JdkTls13Peer {

    private static final int TIMEOUT_MILLIS = 20_000;

    private JdkTls13Peer() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            serve(load(args[1], args[2]), args[2].toCharArray(), args[3]);
        } else {
            connect(Integer.parseInt(args[1]), load(args[2], args[3]), args[4], args[5]);
        }
    }

    private static void serve(KeyStore store, char[] password, String suite) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setEnabledCipherSuites(new String[] {suite});
            listener.setSoTimeout(TIMEOUT_MILLIS);
            System.out.println("LISTENING " + listener.getLocalPort());
            System.out.flush();
            try (SSLSocket socket = (SSLSocket) listener.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                String line = readLine(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(("jdk echoes: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }

    private static void connect(int port, KeyStore roots, String serverName, String suite) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setCipherSuites(new String[] {suite});
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.getOutputStream().write("from the jdk\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            System.out.println("ECHOED " + readLine(socket.getInputStream()));
        }
    }

    private static KeyStore load(String file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** One line, of at most 1024 bytes. */
    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && line.length() < 1024) {
            line.append((char) b);
        }
        return line.toString();
    }
}
