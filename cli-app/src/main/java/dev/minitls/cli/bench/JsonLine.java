package dev.minitls.cli.bench;

import dev.minitls.transport.json.JsonStrings;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One flat JSON object on one line, members in the order they were put. Numbers are written as JSON numbers
 * to six significant digits (never NaN or infinity, which JSON lacks), strings as {@link JsonStrings#quote} writes
 * them: plain ASCII, everything else escaped.
 */
public final class JsonLine {

    /** Measurements are not more precise than this. */
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private final StringBuilder text = new StringBuilder("{");

    public JsonLine put(String name, String value) {
        member(name);
        text.append(JsonStrings.quote(value));
        return this;
    }

    public JsonLine put(String name, long value) {
        member(name);
        text.append(value);
        return this;
    }

    /** @throws IllegalArgumentException for NaN or an infinity */
    public JsonLine put(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is not a finite number: " + value);
        }
        member(name);
        text.append(new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString());
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private void member(String name) {
        if (text.length() > 1) {
            text.append(", ");
        }
        text.append(JsonStrings.quote(name)).append(": ");
    }
}
