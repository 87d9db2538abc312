package dev.minitls.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor adds up each primitive's time as many times as a handshake needs it, from its fastest figure. */
class HandshakeFloorTest {

    @Test
    void addsEachPrimitiveAsOftenAsAHandshakeNeedsIt() {
        // 100 us per X25519 exchange (twice), 30 us per signature (once), 60 us per verification (twice)
        HandshakeFloor floor = HandshakeFloor.of("p", List.of(figure("p", Primitive.X25519, 100),
                figure("p", Primitive.ED25519_SIGN, 30), figure("p", Primitive.ED25519_VERIFY, 60)));

        assertThat(floor.micros()).isEqualTo(2 * 100 + 30 + 2 * 60);
        assertThat(floor.perSecond()).isEqualTo(1e6 / 350);
    }

    @Test
    void takesTheFastestOfSeveralFiguresOfOnePrimitive() {
        List<Figure> figures = new ArrayList<>(List.of(figure("p", Primitive.X25519, 150),
                figure("p", Primitive.ED25519_SIGN, 30), figure("p", Primitive.ED25519_VERIFY, 60)));
        figures.add(figure("p", Primitive.X25519, 100));
        figures.add(figure("p", Primitive.ED25519_VERIFY, 90));
        figures.add(figure("other", Primitive.ED25519_SIGN, 1));

        assertThat(HandshakeFloor.of("p", figures).micros()).isEqualTo(2 * 100 + 30 + 2 * 60);
    }

    @Test
    void refusesFiguresThatMissAPrimitiveOfTheProvider() {
        List<Figure> figures = List.of(figure("p", Primitive.X25519, 100), figure("p", Primitive.ED25519_SIGN, 30),
                figure("other", Primitive.ED25519_VERIFY, 60));

        assertThatIllegalArgumentException().isThrownBy(() -> HandshakeFloor.of("p", figures))
                .withMessageContaining("no " + Primitive.ED25519_VERIFY.id() + " figure for p");
    }

    /** {@code micros} per operation: 1,000 operations in that many milliseconds. */
    private static Figure figure(String provider, Primitive primitive, long micros) {
        return new Figure(provider, primitive, new Rate(1000, micros * 1_000_000));
    }
}
