package dev.minitls.testing.contract;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.contract.FrameChannelContract.Connection;
import dev.minitls.testing.contract.FrameChannelContract.Peer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The peers a {@link FrameChannelContract} drives: the fake transport's other end, or a byte stream's. */
public final class FramePeers {

    private FramePeers() {
    }

    /** The client end of a clean {@link FakeTransport}, its server end as the peer. */
    public static Connection fake() {
        FakeTransport transport = FakeTransport.pair();
        return new Connection(transport.client(), FakeTransport.MAX_FRAME_LENGTH, new FakePeer(transport));
    }

    /**
     * The peer at the other end of a byte stream (a socket's): {@code in} and {@code out} are its streams,
     * {@code shutdownOutput} ends what it sends while it can still read, {@code close} closes it. Writes happen on a
     * thread of their own, in order, so that a frame larger than the stream's buffers cannot block the test that
     * reads it; a read that waits too long must fail ({@code in} has a timeout).
     */
    public static Peer stream(InputStream in, OutputStream out, AutoCloseable shutdownOutput, AutoCloseable close) {
        return new StreamPeer(in, out, shutdownOutput, close);
    }

    private record FakePeer(FakeTransport transport) implements Peer {

        @Override
        public Optional<byte[]> receive() {
            try {
                return Optional.of(transport.server().receive());
            } catch (ProtocolException e) {
                if (e.failure() == Failure.PEER_CLOSED) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        @Override
        public void send(List<byte[]> frames) {
            transport.server().sendAll(frames);
        }

        /** The fake carries frames, not bytes: the frame arrives at once. */
        @Override
        public void sendInPieces(byte[] frame) {
            transport.server().send(frame);
        }

        @Override
        public void closeAfter(byte[] bytes) {
            if (bytes.length > 0) {
                transport.client().deliver(bytes);
            }
            transport.server().close();
        }

        @Override
        public void close() {
            transport.server().close();
        }
    }

    private static final class StreamPeer implements Peer {

        private final InputStream in;
        private final OutputStream out;
        private final AutoCloseable shutdownOutput;
        private final AutoCloseable closer;
        private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "contract-peer-writer");
            thread.setDaemon(true);
            return thread;
        });

        StreamPeer(InputStream in, OutputStream out, AutoCloseable shutdownOutput, AutoCloseable closer) {
            this.in = in;
            this.out = out;
            this.shutdownOutput = shutdownOutput;
            this.closer = closer;
        }

        @Override
        public Optional<byte[]> receive() {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            try {
                for (int b = in.read(); b != -1; b = in.read()) {
                    frame.write(b);
                    if (b == '\n') {
                        return Optional.of(frame.toByteArray());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (frame.size() > 0) {
                throw new AssertionError("the stream ended after " + frame.size() + " bytes of a frame");
            }
            return Optional.empty();
        }

        @Override
        public void send(List<byte[]> frames) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            frames.forEach(all::writeBytes);
            write(all.toByteArray());
        }

        @Override
        public void sendInPieces(byte[] frame) {
            for (byte b : frame) {
                write(new byte[] {b});
            }
        }

        @Override
        public void closeAfter(byte[] bytes) {
            write(bytes);
            writer.execute(() -> closeQuietly(shutdownOutput));
        }

        private void write(byte[] bytes) {
            writer.execute(() -> {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    // the reading side fails and says why
                }
            });
        }

        @Override
        public void close() {
            writer.shutdownNow();
            closeQuietly(closer);
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }
}
