package dev.minitls.cli.bench;

/**
 * One figure of {@code minitls speed}: a primitive's rate on one provider.
 *
 * @param provider the provider's name
 * @param primitive what was measured
 * @param rate how fast
 */
public record Figure(String provider, Primitive primitive, Rate rate) {

    /** The figure as one JSON object. */
    public String json() {
        JsonLine line = new JsonLine()
                .put("impl", "minitls")
                .put("bench", "speed")
                .put("provider", provider)
                .put("primitive", primitive.id());
        if (primitive.bytes() > 0) {
            line.put("bytes", primitive.bytes()).put("mib_per_s", rate.mebibytesPerSecond(primitive.bytes()));
        }
        return line.put("ops_per_s", rate.perSecond()).put("us_per_op", rate.micros()).toString();
    }
}
