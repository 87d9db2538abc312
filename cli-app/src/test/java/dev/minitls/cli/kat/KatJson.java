package dev.minitls.cli.kat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reading and writing the known-answer file. Reading is strict: a missing member, a member of the wrong JSON type
 * or hex that is not lowercase and of even length is an {@link IllegalStateException} naming the member, never
 * a default. Writing is deterministic: two-space indents, {@code \n} line ends, members in insertion order.
 */
final class KatJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();

    private static final Pattern LOWERCASE_HEX = Pattern.compile("([0-9a-f]{2})*");

    private KatJson() {
    }

    /** The text of {@code node}, pretty-printed the same way on every platform, ending with a newline. */
    static String write(JsonNode node) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the known answers", e);
        }
    }

    /** The object {@code text} holds. */
    static ObjectNode parse(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the known-answer file is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("the known-answer file is not one JSON object");
        }
        return (ObjectNode) node;
    }

    static JsonNode member(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null) {
            throw new IllegalStateException("the known answers have no member \"" + name + "\"");
        }
        return value;
    }

    static String text(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isTextual()) {
            throw new IllegalStateException("\"" + name + "\" must be a string");
        }
        return value.textValue();
    }

    static byte[] hex(JsonNode parent, String name) {
        return hexValue(member(parent, name), name);
    }

    static byte[] hexValue(JsonNode value, String name) {
        if (!value.isTextual() || !LOWERCASE_HEX.matcher(value.textValue()).matches()) {
            throw new IllegalStateException("\"" + name + "\" must be lowercase hex of even length");
        }
        return HEX.parseHex(value.textValue());
    }

    static int integer(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isInt()) {
            throw new IllegalStateException("\"" + name + "\" must be an integer");
        }
        return value.intValue();
    }

    static JsonNode array(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isArray()) {
            throw new IllegalStateException("\"" + name + "\" must be an array");
        }
        return value;
    }

    static JsonNode object(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isObject()) {
            throw new IllegalStateException("\"" + name + "\" must be an object");
        }
        return value;
    }
}
