import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the kernel and the JVM charge for the connections of `minitls bench --protocol tls13 --mode handshakes`,
 * with no TLS at all: the same loopback TCP connections, the same socket options (TCP_NODELAY both sides), the same
 * threads (a client thread per connection in flight; a server that accepts on one thread and serves each connection
 * on a pooled thread of its own), and the same writes and reads, byte for byte in length, of a tls13 handshake of
 * x25519, Ed25519 and TLS_AES_128_GCM_SHA256 followed by one 32-byte record, its echo and close_notify both ways:
 *
 *   client: connect, write 202 (ClientHello), read 735 (the server's flight), write 58 (Finished), write 54 (the
 *           record), read 54 (its echo), write 24 (close_notify), close
 *   server: accept, read 202, write 735, read 58, read 54, write 54, read 24, write 24 (close_notify), close
 *
 * It prints connections per second and the process's CPU time per connection (both ends), measured like bench's
 * (after a warm-up, over the given seconds). A benchmark, not a test:
 *
 *   java scripts/TcpFloor.java [SECONDS [CONCURRENCY]]      (default 10 and 2)
 */
public final class TcpFloor {

    private static final int[] CLIENT_WRITES = {202, 58, 54, 24};
    private static final byte[] BYTES = new byte[1024];
    private static final int WARMUP_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        ExecutorService workers = Executors.newCachedThreadPool(daemons());
        Thread acceptor = new Thread(() -> accept(listener, workers), "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();

        run(listener.getLocalPort(), concurrency, WARMUP_SECONDS);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        long done = run(listener.getLocalPort(), concurrency, seconds);
        long elapsed = System.nanoTime() - start;
        cpu = os.getProcessCpuTime() - cpu;
        System.out.printf("tcp only  c=%d  %,.1f connections/s  (connections %,d, seconds %.1f, cpu %,.0f us/op)%n",
                concurrency, done * 1e9 / elapsed, done, elapsed / 1e9, cpu / 1e3 / done);
        listener.close();
    }

    /** Connections one after another on each of {@code concurrency} threads for {@code seconds}; how many were made. */
    private static long run(int port, int concurrency, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] clients = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            clients[i] = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        connection(port);
                        done.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "client-" + i);
            clients[i].start();
        }
        for (Thread client : clients) {
            client.join();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a client failed, so no figure is printed", failed.get());
        }
        return done.get();
    }

    private static void connection(int port) {
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            // directly, without the proxy selector, as minitls's client and bench's JSSE clients connect
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(BYTES, 0, CLIENT_WRITES[0]);
            in.readFully(new byte[735]);
            out.write(BYTES, 0, CLIENT_WRITES[1]);
            out.write(BYTES, 0, CLIENT_WRITES[2]);
            in.readFully(new byte[54]);
            out.write(BYTES, 0, CLIENT_WRITES[3]);
        } catch (IOException e) {
            throw new IllegalStateException("a client connection failed", e);
        }
    }

    private static void accept(ServerSocket listener, ExecutorService workers) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[2048];
            readFully(in, buffer, 202);
            out.write(BYTES, 0, 735);
            readFully(in, buffer, 58);
            readFully(in, buffer, 54);
            out.write(BYTES, 0, 54);
            readFully(in, buffer, 24);
            out.write(BYTES, 0, 24);
        } catch (IOException e) {
            // the client closed first: a reset on the last write, as with minitls's close_notify answer
        }
    }

    private static void readFully(InputStream in, byte[] buffer, int length) throws IOException {
        for (int read = 0; read < length; ) {
            int n = in.read(buffer, read, length - read);
            if (n < 0) {
                throw new IOException("the peer closed early");
            }
            read += n;
        }
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        return task -> {
            Thread thread = new Thread(task, "worker");
            thread.setDaemon(true);
            return thread;
        };
    }
}
