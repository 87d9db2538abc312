package dev.minitls.cli.soak;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.transport.tcp.SocketFrameChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * A client's TCP connection whose outgoing frames a hostile soak client changes on their way out. Frames are
 * counted from 0 (the ClientHello); what {@link Tamper} returns is written as it is, newline or not, and an empty
 * array shuts the sending side down, as a peer that hangs up does, while replies can still be read.
 */
final class TamperingChannel extends ForwardingFrameChannel {

    /** What goes out instead of the {@code index}-th frame. */
    @FunctionalInterface
    interface Tamper {

        Tamper NONE = (index, frame) -> List.of(frame);

        List<byte[]> apply(int index, byte[] frame);
    }

    static final byte[] HANG_UP = new byte[0];

    private final Socket socket;
    private final OutputStream out;
    private final Tamper tamper;
    private int sent;

    private TamperingChannel(Socket socket, Duration timeout, Tamper tamper) throws IOException {
        super(new SocketFrameChannel(socket, timeout, timeout, SocketFrameChannel.DEFAULT_MAX_FRAME_LENGTH));
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.tamper = tamper;
    }

    /** Connects to {@code port} on the loopback; every wait lasts at most {@code timeout}. */
    static TamperingChannel connect(int port, Duration timeout, Tamper tamper) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            return new TamperingChannel(socket, timeout, tamper);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // reported below
            }
            throw new ProtocolException(Failure.IO_ERROR, "cannot connect to port " + port + ": " + e.getMessage());
        }
    }

    @Override
    public void send(byte[] frame) {
        try {
            for (byte[] bytes : tamper.apply(sent++, frame)) {
                if (bytes.length == 0) {
                    socket.shutdownOutput();
                } else {
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new ProtocolException(Failure.IO_ERROR, "send failed: " + e.getMessage());
        }
    }
}
