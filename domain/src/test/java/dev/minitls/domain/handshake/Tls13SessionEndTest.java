package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.ForwardingTls13Records;
import dev.minitls.testing.InMemoryTls13Records;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a TLS 1.3 session ends and what it keeps meanwhile: every secret destroyed however it ends, the old traffic
 * secret destroyed after each KeyUpdate, a close racing with a receive, the 2^24-record limit answered with a
 * KeyUpdate, and the bounds on what the peer can make us do (KeyUpdate answers, records without data).
 */
class Tls13SessionEndTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    private static final TestCertificates.Pki PKI = TestCertificates.pki();
    private static final long PATIENCE = 20;

    private final InMemoryTls13Records[] ends = InMemoryTls13Records.pair();
    private final List<TraceEvent> clientEvents = new CopyOnWriteArrayList<>();

    @Test
    void closingDestroysEveryTrafficSecretAndTheHandshakeSecretsAreGoneOnceTheSessionStarts() throws Exception {
        Sessions pair = connect(ends[0]);

        List<Secret> handshake = pair.client.secrets().subList(2, 5);
        List<Secret> application = pair.client.secrets().subList(0, 2);
        assertThat(handshake).allMatch(Secret::isDestroyed);
        assertThat(application).noneMatch(Secret::isDestroyed);

        pair.client.close();
        pair.client.close();

        assertThat(application).allMatch(Secret::isDestroyed);
        assertThat(ends[0].isClosed()).isTrue();
        assertThat(ends[0].alertsSent).containsExactly(Alert.CLOSE_NOTIFY);
        assertThatThrownBy(() -> pair.client.send(ascii("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("this session is closed");
        assertThat(pair.server.receive()).isEmpty();
    }

    @Test
    void theKeysAndIvsHandedToTheRecordLayerAreWipedOnceItHasTakenItsCopies() throws Exception {
        List<byte[]> handed = new CopyOnWriteArrayList<>();
        Tls13Records noting = new ForwardingTls13Records(ends[0]) {
            @Override
            public void protectReads(AeadAlgorithm aead, byte[] key, byte[] iv) {
                super.protectReads(aead, key, iv);
                handed.addAll(List.of(key, iv));
            }

            @Override
            public void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
                super.protectWrites(aead, key, iv);
                handed.addAll(List.of(key, iv));
            }
        };
        Sessions pair = connect(noting);
        pair.client.requestKeyUpdate();

        assertThat(handed).as("handshake and application keys both ways, then the update").hasSize(10)
                .allSatisfy(bytes -> assertThat(bytes).containsOnly(0));
    }

    @Test
    void aFailedSessionDestroysItsSecretsToo() throws Exception {
        Sessions pair = connect(ends[0]);
        List<Secret> application = pair.client.secrets().subList(0, 2);

        ends[1].sendAlert(Alert.INTERNAL_ERROR);

        assertThatThrownBy(pair.client::receive).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.peerAlert()).contains(Alert.INTERNAL_ERROR));
        assertThat(application).allMatch(Secret::isDestroyed);
        assertThat(ends[0].isClosed()).isTrue();
    }

    @Test
    void eachKeyUpdateDestroysTheTrafficSecretItReplaces() throws Exception {
        Sessions pair = connect(ends[0]);
        List<Secret> application = pair.client.secrets().subList(0, 2);

        pair.client.requestKeyUpdate();
        pair.client.send(ascii("under the next key"));
        assertThat(application).as("only our write secret was replaced").filteredOn(Secret::isDestroyed).hasSize(1);
        assertThat(pair.server.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii(
                "under the next key")));
        pair.server.send(ascii("answered"));
        assertThat(pair.client.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("answered")));

        assertThat(application).as("both replaced, the session still open").allMatch(Secret::isDestroyed);
        assertThat(pair.client.secrets().subList(0, 2)).noneMatch(Secret::isDestroyed);
    }

    @Test
    void aCloseWhileAnotherThreadReceivesAKeyUpdateEndsThatReceiveAsAClosedSession() throws Exception {
        HeldReceive held = new HeldReceive(ends[0]);
        Sessions pair = connect(held);
        pair.server.requestKeyUpdate();
        List<Secret> application = pair.client.secrets().subList(0, 2);
        held.hold = true;

        CompletableFuture<Object> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.client.receive();
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(held.read.await(PATIENCE, TimeUnit.SECONDS)).as("the receiver read the KeyUpdate").isTrue();
        pair.client.close();
        held.release.countDown();

        assertThat(receiving.get(PATIENCE, TimeUnit.SECONDS)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.IO_ERROR);
            assertThat(e).hasMessage("connection failed: the session was closed by this side");
        });
        assertThat(ends[0].alertsSent).as("no alert after close_notify").containsExactly(Alert.CLOSE_NOTIFY);
        assertThat(clientEvents).as("a close is no failure").noneMatch(
                event -> event.event() instanceof Event.SessionFailed);
        assertThat(application).allMatch(Secret::isDestroyed);
    }

    @Test
    void manyKeyUpdatesAskingForOursGetOneAnswerBeforeOurNextData() throws Exception {
        Sessions pair = connect(ends[0]);
        for (int i = 0; i < 5; i++) {
            pair.server.requestKeyUpdate();
        }
        ends[1].sendData(ascii("data"));
        assertThat(pair.client.receive()).isPresent();
        List<HandshakeMessage> sent = new ArrayList<>();
        ends[0].tamper(message -> {
            sent.add(message);
            return message;
        });

        pair.client.send(ascii("one"));
        pair.client.send(ascii("two"));

        assertThat(sent).as("one KeyUpdate for five requests, none while silent")
                .containsExactly(new KeyUpdate(false));
    }

    @Test
    void recordsWithoutApplicationDataAreBoundedInARow() throws Exception {
        Sessions pair = connect(ends[0]);
        for (int i = 0; i < Tls13Session.MAX_RECORDS_WITHOUT_DATA - 2; i++) {
            ends[1].inject(new Tls13Records.HandshakeIn(ticket(), ascii("ticket " + i)));
        }
        ends[1].sendData(new byte[0]);
        assertThat(pair.client.receive()).hasValueSatisfying(data -> assertThat(data).isEmpty());
        ends[1].sendData(ascii("data resets the count"));
        assertThat(pair.client.receive()).isPresent();
        for (int i = 0; i < Tls13Session.MAX_RECORDS_WITHOUT_DATA; i++) {
            pair.server.requestKeyUpdate();
        }
        ends[1].sendData(new byte[0]);

        assertThatThrownBy(pair.client::receive).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.UNEXPECTED_MESSAGE);
            assertThat(e).hasMessageContaining("more than 32 records in a row without application data");
        });
        assertThat(ends[0].alertsSent).containsExactly(Alert.UNEXPECTED_MESSAGE);
    }

    @Test
    void aWriteKeyNearItsLimitIsUpdatedInsteadOfClosing() throws Exception {
        NearTheLimit near = new NearTheLimit(ends[0]);
        Sessions pair = connect(near);
        List<HandshakeMessage> sent = new ArrayList<>();
        ends[0].tamper(message -> {
            sent.add(message);
            return message;
        });

        pair.client.send(ascii("first"));
        assertThat(sent).isEmpty();
        near.left = 1;
        pair.client.send(ascii("second"));

        assertThat(sent).containsExactly(new KeyUpdate(false));
        assertThat(pair.server.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("first")));
        assertThat(pair.server.receive()).hasValueSatisfying(data -> assertThat(data).isEqualTo(ascii("second")));
        assertThat(ends[0].alertsSent).isEmpty();
    }

    private record Sessions(Tls13Session client, Tls13Session server) {
    }

    private Sessions connect(Tls13Records clientEnd) throws Exception {
        CompletableFuture<Tls13Session> accepted = CompletableFuture.supplyAsync(
                () -> Tls13ServerHandshake.accept(ends[1], TestPeers.server(CRYPTO, PKI), Tls13Settings.DEFAULT));
        ClientConfig config = new ClientConfig(CRYPTO, FixedRandom.counting(),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC), PKI.root(), TestCertificates.SERVER_NAME,
                ProtocolVersion.V2, clientEvents::add);
        Tls13Session client = Tls13ClientHandshake.connect(clientEnd, config, Tls13Settings.DEFAULT);
        return new Sessions(client, accepted.get(PATIENCE, TimeUnit.SECONDS));
    }

    private static NewSessionTicket ticket() {
        return new NewSessionTicket(7200, 1, new byte[0], new byte[] {1}, List.of());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theClosingSidesReceiveThatHoldsThePeersCloseNotifyEndsAsAClosedSessionToo() throws Exception {
        HeldReceive held = new HeldReceive(ends[0]);
        Sessions pair = connect(held);
        held.hold = true;
        CompletableFuture<Object> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.client.receive();
            } catch (RuntimeException e) {
                return e;
            }
        });
        pair.server.close();
        assertThat(held.read.await(PATIENCE, TimeUnit.SECONDS)).as("the receiver read close_notify").isTrue();
        pair.client.close();
        held.release.countDown();

        assertThat(receiving.get(PATIENCE, TimeUnit.SECONDS)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.IO_ERROR);
            assertThat(e).hasMessage("connection failed: the session was closed by this side");
        });
    }

    /** Once {@code hold} is set, the next receive hands its item back only when the test releases it. */
    private static final class HeldReceive extends ForwardingTls13Records {
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;

        HeldReceive(Tls13Records delegate) {
            super(delegate);
        }

        @Override
        public Incoming receive() {
            Incoming incoming = super.receive();
            if (hold) {
                read.countDown();
                try {
                    if (!release.await(PATIENCE, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the receive");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while held", e);
                }
            }
            return incoming;
        }
    }

    /** Records whose write key has only {@code left} records to go, until the next write key. */
    private static final class NearTheLimit extends ForwardingTls13Records {
        volatile long left = RecordLimits.MAX_RECORDS_PER_KEY;

        NearTheLimit(Tls13Records delegate) {
            super(delegate);
        }

        @Override
        public long writesLeft() {
            return left;
        }

        @Override
        public void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
            super.protectWrites(aead, key, iv);
            left = RecordLimits.MAX_RECORDS_PER_KEY;
        }

        @Override
        public void sendData(byte[] data) {
            if (left <= 0) {
                throw new ProtocolException(Failure.SEQUENCE_EXHAUSTED, "no records left");
            }
            left--;
            super.sendData(data);
        }
    }
}
