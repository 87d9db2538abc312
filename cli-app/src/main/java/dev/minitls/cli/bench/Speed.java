package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.domain.port.CryptoProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Measures primitives on providers, one after the other on the calling thread. */
public final class Speed {

    private final Duration warmup;
    private final Duration measure;
    private final SpeedInputs inputs;

    /**
     * @param warmup how long each primitive runs, uncounted, before it is measured
     * @param measure how long each primitive is measured
     */
    public Speed(Duration warmup, Duration measure) {
        this(warmup, measure,
                new SpeedInputs(PkiIssuer.issue("localhost", 1, Clock.systemUTC()).serverCertificatePem()));
    }

    private Speed(Duration warmup, Duration measure, SpeedInputs inputs) {
        this.warmup = warmup;
        this.measure = measure;
        this.inputs = inputs;
    }

    /** The same measurement on the same inputs, each primitive warmed up for {@code warmup} instead. */
    public Speed withWarmup(Duration warmup) {
        return new Speed(warmup, measure, inputs);
    }

    /** Every figure, provider by provider; each goes to {@code done} as soon as it is measured. */
    public List<Figure> run(List<CryptoProvider> providers, List<Primitive> primitives, Consumer<Figure> done) {
        List<Figure> figures = new ArrayList<>();
        for (CryptoProvider crypto : providers) {
            for (Primitive primitive : primitives) {
                Stopwatch stopwatch = new Stopwatch(warmup, measure);
                Figure figure = new Figure(crypto.name(), primitive, stopwatch.rate(primitive.prepare(crypto, inputs)));
                if (stopwatch.sink() == 42) {
                    Thread.yield(); // reads the sink, so no operation was dead code; the value means nothing
                }
                figures.add(figure);
                done.accept(figure);
            }
        }
        return figures;
    }
}
