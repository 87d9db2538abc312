package dev.minitls.transport.json;

import static dev.minitls.transport.json.V1Members.CIPHERTEXT;
import static dev.minitls.transport.json.V1Members.CLIENT_RANDOM;
import static dev.minitls.transport.json.V1Members.EPH_PUB_KEY;
import static dev.minitls.transport.json.V1Members.SEQ;
import static dev.minitls.transport.json.V1Members.SERVER_NAME;
import static dev.minitls.transport.json.V1Members.SERVER_RANDOM;
import static dev.minitls.transport.json.V1Members.SUITE;
import static dev.minitls.transport.json.V1Members.VERSION;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decodes one protocol-v1 frame of a known type, strictly: one line of valid UTF-8 holding exactly one JSON value of
 * the documented shape, with exactly the documented members and JSON types, and hex that is lowercase and of even
 * length. Whatever is wrong becomes a {@code MALFORMED_MESSAGE} naming the message and the problem.
 *
 * <p>Values are not judged here: a version other than 1, an unknown suite or a key of the wrong length decode fine
 * and are refused by the domain, which knows the specific failure for each.
 */
final class V1FrameReader {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_QUOTED_NAME = 40;

    private final String context;

    private V1FrameReader(String context) {
        this.context = context;
    }

    /** Decodes {@code frame} as a message of type {@code expected}. */
    static Message decode(JsonFactory factory, byte[] frame, MessageType expected) {
        return new V1FrameReader(expected.wireName()).read(factory, frame, expected);
    }

    private Message read(JsonFactory factory, byte[] frame, MessageType expected) {
        CharBuffer text = lineText(frame);
        try (JsonParser parser = factory.createParser(text.array(), text.arrayOffset() + text.position(),
                text.remaining())) {
            Message message = message(parser, expected);
            if (parser.nextToken() != null) {
                throw malformed("more than one JSON value on the line");
            }
            return message;
        } catch (JsonProcessingException e) {
            throw malformed("not valid JSON: " + oneLine(String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalStateException("parsing characters in memory does no I/O", e);
        }
    }

    /** The frame without its newline, as characters; it must be one non-empty line of valid UTF-8. */
    private CharBuffer lineText(byte[] frame) {
        int end = frame.length - 1;
        if (end < 0 || frame[end] != '\n') {
            throw malformed("frame does not end with a newline");
        }
        if (end == 0) {
            throw malformed("empty line");
        }
        for (int i = 0; i < end; i++) {
            if (frame[i] == '\n') {
                throw malformed("more than one line in the frame");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(frame, 0, end));
        } catch (CharacterCodingException e) {
            throw malformed("not valid UTF-8");
        }
    }

    private Message message(JsonParser parser, MessageType expected) throws IOException {
        return switch (expected) {
            case CLIENT_HELLO -> clientHello(object(parser, V1Members.CLIENT_HELLO));
            case SERVER_HELLO -> serverHello(object(parser, V1Members.SERVER_HELLO));
            case CERTIFICATE -> new CertificateMessage(hexString(parser));
            case CERTIFICATE_VERIFY -> new CertificateVerify(hexString(parser));
            case FINISHED -> new Finished(hexString(parser));
            case APPLICATION_RECORD -> applicationRecord(object(parser, V1Members.APPLICATION_RECORD));
        };
    }

    private ClientHello clientHello(Map<String, Value> members) {
        return new ClientHello(hexMember(members, CLIENT_RANDOM), int32(members, VERSION),
                hexMember(members, EPH_PUB_KEY), string(members, SUITE), string(members, SERVER_NAME));
    }

    private ServerHello serverHello(Map<String, Value> members) {
        return new ServerHello(hexMember(members, SERVER_RANDOM), int32(members, VERSION),
                hexMember(members, EPH_PUB_KEY), string(members, SUITE));
    }

    private ApplicationRecord applicationRecord(Map<String, Value> members) {
        BigInteger seq = integer(members, SEQ);
        if (seq.signum() < 0) {
            throw malformed(quote(SEQ) + " must not be negative, got " + seq);
        }
        if (seq.bitLength() >= Long.SIZE) {
            throw malformed(quote(SEQ) + " does not fit in 64 bits: " + seq);
        }
        return new ApplicationRecord(seq.longValue(), hexMember(members, CIPHERTEXT));
    }

    /** A message that is a bare JSON string of hex. */
    private byte[] hexString(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw malformed("expected a JSON string, got " + describe(token));
        }
        return hex("the value", parser.getText());
    }

    /**
     * Reads a flat JSON object whose members must be exactly {@code names}, each once, in any order. Values are
     * kept with their token so that each accessor can name a wrong type; nested values are skipped, not kept.
     */
    private Map<String, Value> object(JsonParser parser, List<String> names) throws IOException {
        JsonToken start = parser.nextToken();
        if (start != JsonToken.START_OBJECT) {
            throw malformed("expected a JSON object, got " + describe(start));
        }
        Map<String, Value> members = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!names.contains(name)) {
                throw malformed("unexpected member " + quote(name));
            }
            if (members.containsKey(name)) {
                throw malformed("duplicate member " + quote(name));
            }
            JsonToken token = parser.nextToken();
            members.put(name, new Value(token, token.isScalarValue() ? parser.getText() : null));
            parser.skipChildren();
        }
        for (String name : names) {
            if (!members.containsKey(name)) {
                throw malformed("missing member " + quote(name));
            }
        }
        return members;
    }

    private String string(Map<String, Value> members, String name) {
        Value value = members.get(name);
        if (value.token() != JsonToken.VALUE_STRING) {
            throw malformed(quote(name) + " must be a string, got " + describe(value.token()));
        }
        return value.text();
    }

    private BigInteger integer(Map<String, Value> members, String name) {
        Value value = members.get(name);
        if (value.token() != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(quote(name) + " must be an integer, got " + describe(value.token()));
        }
        return new BigInteger(value.text());
    }

    private int int32(Map<String, Value> members, String name) {
        BigInteger value = integer(members, name);
        if (value.bitLength() >= Integer.SIZE) {
            throw malformed(quote(name) + " does not fit in 32 bits: " + value);
        }
        return value.intValue();
    }

    private byte[] hexMember(Map<String, Value> members, String name) {
        return hex(quote(name), string(members, name));
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

    private ProtocolException malformed(String detail) {
        return new ProtocolException(Failure.MALFORMED_MESSAGE, context + ": " + detail);
    }

    /** A member name fit for a one-line message, however hostile: escaped, quoted and cut short. */
    private static String quote(String name) {
        return name.length() <= MAX_QUOTED_NAME
                ? PythonEscapes.quote(name)
                : PythonEscapes.quote(name.substring(0, MAX_QUOTED_NAME)) + "...";
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

    /** Jackson's messages may quote the offending input; keep them on one line. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?");
    }

    /** One member's JSON token, with its text when it is a scalar. */
    private record Value(JsonToken token, String text) {
    }
}
