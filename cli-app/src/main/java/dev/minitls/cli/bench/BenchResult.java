package dev.minitls.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One result of {@code minitls bench}: which implementation, set up how, and its figure with the details behind it.
 *
 * @param impl {@code minitls} or {@code jsse}
 * @param mode what was measured
 * @param protocol the protocol spoken
 * @param provider the crypto underneath
 * @param concurrency sessions in flight at once
 * @param size bytes per record
 * @param setup the TLS 1.3 algorithms used, when they were chosen (tls13 and the baselines)
 * @param figure the mode's figure, in {@link Mode#unit()}
 * @param details what else was measured, in order
 * @param measured whose memory a sessions result measured, {@value #SERVER_SIDE} or {@value #BOTH_ENDS}; empty in
 *     the other modes
 */
public record BenchResult(String impl, Mode mode, String protocol, String provider, Optional<Setup> setup,
        int concurrency, int size, double figure, List<Detail> details, Optional<String> measured) {

    /** The server's side of the sessions alone: the clients were in another process. */
    public static final String SERVER_SIDE = "server side";
    /** Server and clients of the sessions together, in one process. */
    public static final String BOTH_ENDS = "both ends";

    public BenchResult {
        details = List.copyOf(details);
    }

    /**
     * The algorithms a TLS 1.3 result used.
     *
     * @param suite e.g. {@code TLS_AES_128_GCM_SHA256}
     * @param group the key exchange group offered, e.g. {@code x25519}
     * @param keyType the server's key type, e.g. {@code ed25519}
     */
    public record Setup(String suite, String group, String keyType) {
    }

    /** This result with {@code details} instead. */
    BenchResult withDetails(List<Detail> details) {
        return new BenchResult(impl, mode, protocol, provider, setup, concurrency, size, figure, details, measured);
    }

    /** This result, saying whose memory it measured: {@link #SERVER_SIDE} or {@link #BOTH_ENDS}. */
    BenchResult measured(String whose) {
        return new BenchResult(impl, mode, protocol, provider, setup, concurrency, size, figure, details,
                Optional.of(whose));
    }

    /**
     * A measured value besides the figure.
     *
     * @param name e.g. {@code p50}
     * @param unit e.g. {@code ms}, {@code per_s}, {@code bytes}, or empty for a count
     * @param value the value
     */
    public record Detail(String name, String unit, double value) {

        String jsonName() {
            return unit.isEmpty() ? name : name + "_" + unit;
        }

        String text() {
            String number = Math.abs(value) >= 100 || value == Math.rint(value)
                    ? String.format(Locale.ROOT, "%,.0f", value)
                    : String.format(Locale.ROOT, "%.3g", value);
            return switch (unit) {
                case "" -> name + " " + number;
                case "per_s" -> name + " " + number + "/s";
                case "us_per_op" -> name + " " + number + " us/op";
                default -> name + " " + number + " " + unit;
            };
        }
    }

    /**
     * One JSON object; with baselines, {@code ratio} is this figure over JSSE's, {@code ratio_bcjsse} over Bouncy
     * Castle's.
     */
    public String json(OptionalDouble ratio, OptionalDouble ratioBcjsse) {
        JsonLine line = new JsonLine()
                .put("impl", impl)
                .put("mode", mode.name())
                .put("protocol", protocol)
                .put("provider", provider);
        setup.ifPresent(used -> line.put("suite", used.suite()).put("group", used.group())
                .put("key_type", used.keyType()));
        line.put("concurrency", concurrency)
                .put("size", size)
                .put(mode.jsonName(), figure)
                .put("figure", figure)
                .put("unit", mode.unit());
        measured.ifPresent(whose -> line.put("measured", whose));
        details.forEach(detail -> line.put(detail.jsonName(), detail.value()));
        ratio.ifPresent(value -> line.put("ratio", value));
        ratioBcjsse.ifPresent(value -> line.put("ratio_bcjsse", value));
        return line.toString();
    }

    /** One line of text. */
    public String text() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-8s %-8s %-5s c=%-3d %,14.1f %s",
                impl, protocol, provider, concurrency, figure, mode.unit()));
        measured.ifPresent(whose -> text.append(", ").append(whose));
        if (!details.isEmpty()) {
            text.append("  (");
            for (int i = 0; i < details.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(details.get(i).text());
            }
            text.append(')');
        }
        setup.ifPresent(used -> text.append("  [").append(used.suite()).append(' ').append(used.group()).append(' ')
                .append(used.keyType()).append(']'));
        return text.toString();
    }
}
