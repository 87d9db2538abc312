package dev.minitls.transport.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import static dev.minitls.domain.error.PeerText.quote;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.Message;
import dev.minitls.transport.LineScan;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reading of one JSON-lines frame, shared by both protocol versions: one line of valid UTF-8 holding exactly
 * one JSON value; flat objects whose members are exactly the documented ones, each once; values of the documented
 * JSON type; hex that is lowercase and of even length; base64 that is canonical. Whatever is wrong becomes a
 * {@code MALFORMED_MESSAGE} naming what was being read and the problem, and no other exception comes out.
 *
 * <p>Values are not judged here: a version, a suite or a key of any length decode fine and are refused by the domain,
 * which knows the specific failure for each. One instance reads one frame.
 */
abstract sealed class JsonFrameReader permits V1FrameReader, V2FrameReader {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private String context;

    /** {@code context} names what is being read in every failure, e.g. {@code ClientHello}. */
    JsonFrameReader(String context) {
        this.context = context;
    }

    /** Reads the frame's one JSON value, which {@code parser} is just before, as a message. */
    abstract Message message(JsonParser parser) throws IOException;

    /** Decodes {@code frame}, newline included. */
    final Message read(byte[] frame) {
        int end = lineEnd(frame);
        try (JsonParser parser = parser(frame, end)) {
            Message message = message(parser);
            if (parser.nextToken() != null) {
                throw malformed("more than one JSON value on the line");
            }
            return message;
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the peer's bytes.
            throw malformed("not valid JSON: " + quote(String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalStateException("parsing bytes in memory does no I/O", e);
        }
    }

    /** Failures from now on name {@code what}: for a frame that says itself what it holds. */
    final void nowReading(String what) {
        context = what;
    }

    /** Where the line ends: the index of the frame's one newline, which must be its last byte, after at least one. */
    private int lineEnd(byte[] frame) {
        int end = frame.length - 1;
        if (end < 0 || frame[end] != '\n') {
            throw malformed("frame does not end with a newline");
        }
        if (end == 0) {
            throw malformed("empty line");
        }
        if (LineScan.indexOfNewline(frame, 0, end) >= 0) {
            throw malformed("more than one line in the frame");
        }
        // JSON has a NUL only escaped. Refused here because Jackson's byte parser would take a NUL among the first
        // bytes for a sign of UTF-16 or UTF-32 and read an ASCII line as text of another encoding.
        if (LineScan.indexOf(frame, 0, end, (byte) 0) >= 0) {
            throw malformed("a NUL byte in the line");
        }
        return end;
    }

    /**
     * A parser over {@code frame[0, end)}. The frames minitls writes are ASCII (everything else is escaped), which
     * the parser reads as bytes; any other frame must be valid UTF-8 and is decoded strictly to characters first.
     */
    private JsonParser parser(byte[] frame, int end) throws IOException {
        if (LineScan.isAscii(frame, 0, end)) {
            return PythonJsonLines.FACTORY.createParser(frame, 0, end);
        }
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(frame, 0, end));
        } catch (CharacterCodingException e) {
            throw malformed("not valid UTF-8");
        }
        return PythonJsonLines.FACTORY.createParser(text.array(), text.arrayOffset() + text.position(),
                text.remaining());
    }

    /** A value that is a bare JSON string of hex. */
    final byte[] hexString(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw malformed("expected a JSON string, got " + describe(token));
        }
        return hex("the value", parser.getText());
    }

    /**
     * A value that is a flat JSON object, each member once. Values are kept with their token so that each accessor
     * can name a wrong type; nested values are skipped, not kept.
     */
    final Members object(JsonParser parser) throws IOException {
        JsonToken start = parser.nextToken();
        if (start != JsonToken.START_OBJECT) {
            throw malformed("expected a JSON object, got " + describe(start));
        }
        Members members = new Members();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (members.values.put(name, new Value(token, token.isScalarValue() ? parser.getText() : null)) != null) {
                throw malformed("duplicate member " + quote(name));
            }
            parser.skipChildren();
        }
        return members;
    }

    final ProtocolException malformed(String detail) {
        return new ProtocolException(Failure.MALFORMED_MESSAGE, context + ": " + detail);
    }

    /** Lowercase hex of even length; anything else is refused, never repaired. */
    private byte[] hex(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw malformed(what + " is not lowercase hex: " + describe(c) + " at index " + i);
            }
        }
        if (text.length() % 2 != 0) {
            throw malformed(what + " has an odd number of hex digits (" + text.length() + ")");
        }
        return HEX.parseHex(text);
    }

    /**
     * Standard base64 with its padding, in the one form an encoder writes: no whitespace, no URL-safe letters, no
     * missing padding and no bits set after the last byte. Anything else is refused, never repaired.
     *
     * <p>A record's ciphertext is up to 22,000 characters, so the JDK's decoder, which refuses every character
     * outside the standard alphabet and any misplaced padding, does the checking; only a text it refuses is gone
     * through again, character by character, to name the problem.
     */
    private byte[] base64(String what, String text) {
        if (text.length() % 4 == 0) {
            byte[] bytes;
            try {
                bytes = BASE64.decode(text);
            } catch (IllegalArgumentException refused) {
                throw malformed(what + base64Problem(text));
            }
            if (CanonicalBase64.hasBitsAfterTheLastByte(text.length(), bytes.length, text::charAt)) {
                throw malformed(what + " is not canonical base64: the bits after the last byte are not zero");
            }
            return bytes;
        }
        throw malformed(what + base64Problem(text));
    }

    /** Why the JDK's decoder refused {@code text}, or why it would: the first stray character, or the length. */
    private static String base64Problem(String text) {
        int padded = text.length();
        while (padded > 0 && text.length() - padded < 2 && text.charAt(padded - 1) == '=') {
            padded--;
        }
        for (int i = 0; i < padded; i++) {
            char c = text.charAt(i);
            if (CanonicalBase64.value(c) < 0) {
                return " is not standard base64: " + describe(c) + " at index " + i;
            }
        }
        return " is not padded base64: " + text.length() + " characters, not a multiple of 4";
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    /** The members of a JSON object read by {@link #object}, with typed accessors that refuse a wrong JSON type. */
    final class Members {

        private final Map<String, Value> values = new LinkedHashMap<>();

        /** Checks that the members are exactly {@code names}, in any order; the first stranger is named. */
        Members exactly(List<String> names) {
            for (String name : values.keySet()) {
                if (!names.contains(name)) {
                    throw malformed("unexpected member " + quote(name));
                }
            }
            for (String name : names) {
                value(name);
            }
            return this;
        }

        String string(String name) {
            Value value = value(name);
            if (value.token() != JsonToken.VALUE_STRING) {
                throw malformed(quote(name) + " must be a string, got " + describe(value.token()));
            }
            return value.text();
        }

        int int32(String name) {
            BigInteger value = integer(name);
            if (value.bitLength() >= Integer.SIZE) {
                throw malformed(quote(name) + " does not fit in 32 bits: " + value);
            }
            return value.intValue();
        }

        long nonNegativeLong(String name) {
            BigInteger value = integer(name);
            if (value.signum() < 0) {
                throw malformed(quote(name) + " must not be negative, got " + value);
            }
            if (value.bitLength() >= Long.SIZE) {
                throw malformed(quote(name) + " does not fit in 64 bits: " + value);
            }
            return value.longValue();
        }

        byte[] hex(String name) {
            return JsonFrameReader.this.hex(quote(name), string(name));
        }

        byte[] base64(String name) {
            return JsonFrameReader.this.base64(quote(name), string(name));
        }

        private BigInteger integer(String name) {
            Value value = value(name);
            if (value.token() != JsonToken.VALUE_NUMBER_INT) {
                throw malformed(quote(name) + " must be an integer, got " + describe(value.token()));
            }
            if (value.text().equals("-0")) {
                // Zero has one form: Python writes 0, never -0.
                throw malformed(quote(name) + " must be written 0, not -0");
            }
            return new BigInteger(value.text());
        }

        private Value value(String name) {
            Value value = values.get(name);
            if (value == null) {
                throw malformed("missing member " + quote(name));
            }
            return value;
        }
    }

    /** One member's JSON token, with its text when it is a scalar. */
    private record Value(JsonToken token, String text) {
    }
}
