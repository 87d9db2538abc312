package dev.minitls.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.ServerHello;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events say where they happened and which step they belong to; observers can be chained. */
class TraceEventTest {

    private static final Event LISTENING = new Event.Listening("127.0.0.1", 9914);

    @Test
    void anEventNeedsEveryPart() {
        assertThatNullPointerException().isThrownBy(() -> new TraceEvent(Side.CLIENT, null, LISTENING));
        assertThatNullPointerException().isThrownBy(() -> new TraceEvent(null, "", LISTENING));
        assertThatNullPointerException().isThrownBy(() -> new TraceEvent(Side.CLIENT, "", null));
        assertThatNullPointerException().isThrownBy(() -> new Event.SecretsDerived(null, Map.of()));
    }

    @Test
    void aHelloBelongsToTheStepOfItsKind() {
        ClientHello clientHello = new ClientHello(new byte[32], 2, new byte[32], "suite", "name");
        ServerHello serverHello = new ServerHello(new byte[32], 2, new byte[32], "suite");

        assertThat(new Event.HelloSent(clientHello).step()).isEqualTo(Step.CLIENT_HELLO);
        assertThat(new Event.HelloReceived(clientHello).step()).isEqualTo(Step.CLIENT_HELLO);
        assertThat(new Event.HelloSent(serverHello).step()).isEqualTo(Step.SERVER_HELLO);
        assertThat(new TraceEvent(Side.SERVER, "peer", new Event.HelloReceived(serverHello)).step())
                .isEqualTo(Step.SERVER_HELLO);
    }

    @Test
    void derivedSecretsAreKeptInTheOrderOfTheirLabelsAndCannotBeChanged() {
        Map<SecretLabel, Secret> unordered = new LinkedHashMap<>();
        unordered.put(SecretLabel.SERVER_FINISHED_KEY, Secret.of(new byte[] {2}));
        unordered.put(SecretLabel.EARLY_SECRET, Secret.of(new byte[] {1}));

        Event.SecretsDerived handshake = new Event.SecretsDerived(Event.SecretsDerived.Phase.HANDSHAKE, unordered);
        unordered.clear();

        assertThat(handshake.secrets().keySet())
                .containsExactly(SecretLabel.EARLY_SECRET, SecretLabel.SERVER_FINISHED_KEY);
        assertThat(handshake.step()).isEqualTo(Step.HANDSHAKE_KEY);
        assertThat(new Event.SecretsDerived(Event.SecretsDerived.Phase.APPLICATION, Map.of()).step())
                .isEqualTo(Step.APPLICATION_DATA);
        assertThatThrownBy(() -> handshake.secrets().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void andThenTellsBothObserversInOrder() {
        List<String> told = new ArrayList<>();
        HandshakeObserver first = event -> told.add("first " + event.step());
        HandshakeObserver second = event -> told.add("second " + event.step());

        first.andThen(second).onEvent(new TraceEvent(Side.SERVER, "", LISTENING));

        assertThat(told).containsExactly("first LISTEN", "second LISTEN");
    }
}
