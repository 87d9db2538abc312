package dev.minitls.cli.kat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.minitls.cli.support.TraceRecorder;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.domain.trace.Side;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the known answers are read and compared: a malformed file is refused with a message naming what is wrong,
 * and {@link V2KnownAnswer#disagreements} names exactly the traced values that differ from the file.
 */
class V2KnownAnswerFileTest {

    @Test
    void disagreementsNameExactlyTheTracedValuesThatDiffer() throws IOException {
        V2KnownAnswer file = V2KnownAnswer.load();
        TraceRecorder serverTrace =
                V2Session.run(file.inputs(), file.pki(), new BcCryptoProvider()).serverTrace();
        String text = file.toJson();
        text = Tampering.changeFirstCharacter(text, "\"master_secret\": \"", file.secrets().get("master_secret"));
        text = Tampering.changeFirstCharacter(text, "\"client_verify_data\": \"",
                file.member("client_verify_data").textValue());
        text = Tampering.changeFirstCharacter(text, "\"transcript_hash\": \"", file.transcriptHashes().get(1));

        assertThat(file.disagreements(serverTrace)).isEmpty();
        assertThat(V2KnownAnswer.parse(text).disagreements(serverTrace))
                .containsExactly("master_secret", "client Finished", "transcript");
    }

    @Test
    void valuesATraceLacksDisagree() throws IOException {
        assertThat(V2KnownAnswer.load().disagreements(new TraceRecorder())).containsExactly(
                "shared secret", "handshake_secret", "client_handshake_traffic_secret",
                "server_handshake_traffic_secret", "master_secret", "client_application_traffic_secret_0",
                "server_application_traffic_secret_0", "signature", "server Finished", "client Finished",
                "transcript");
    }

    @Test
    void tamperingRefusesAnAmbiguousChange() {
        assertThatThrownBy(() -> Tampering.changeFirstCharacter("\"a\": \"00\", \"a\": \"00\"", "\"a\": \"", "00"))
                .isInstanceOf(IllegalStateException.class).hasMessage("\"\"a\": \"00\" does not occur exactly once");
        assertThatThrownBy(() -> Tampering.changeFirstCharacter("{}", "\"a\": \"", "00"))
                .isInstanceOf(IllegalStateException.class).hasMessage("\"\"a\": \"00\" does not occur exactly once");
    }

    @Test
    void aResourceThatIsAbsentIsNamed() {
        assertThatThrownBy(() -> V2KnownAnswer.load("kat/absent.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kat/absent.json is not on the test class path");
    }

    @Test
    void aFileAboveTheLimitIsRefusedWithoutReadingItAll() {
        ByteArrayInputStream tooLarge = new ByteArrayInputStream(new byte[V2KnownAnswer.MAX_FILE_BYTES + 2]);

        assertThatThrownBy(() -> V2KnownAnswer.readBounded(tooLarge, "big.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("big.json is larger than " + V2KnownAnswer.MAX_FILE_BYTES + " bytes");
        assertThat(tooLarge.available()).as("bytes left unread").isEqualTo(1);
    }

    @Test
    void aFrameThatIsNotAsciiIsRefused() {
        WireFrame frame = new WireFrame(Side.CLIENT, new byte[] {'{', (byte) 0xe9, '}', '\n'});

        assertThatThrownBy(frame::text).isInstanceOf(IllegalStateException.class)
                .hasMessage("a frame from the client is not ASCII");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> V2KnownAnswer.parse("{")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the known-answer file is not JSON: Unexpected end-of-input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedFileIsRefusedWithAMessageNamingTheProblem(String json, Function<V2KnownAnswer, Object> read,
            String message) {
        assertThatThrownBy(() -> read.apply(V2KnownAnswer.parse(json)))
                .isInstanceOf(IllegalStateException.class).hasMessage(message);
    }

    static Stream<Arguments> malformed() {
        Function<V2KnownAnswer, Object> secrets = V2KnownAnswer::secrets;
        Function<V2KnownAnswer, Object> wire = V2KnownAnswer::wire;
        Function<V2KnownAnswer, Object> inputs = V2KnownAnswer::inputs;
        Function<V2KnownAnswer, Object> pki = V2KnownAnswer::pki;
        return Stream.of(
                arguments("[]", secrets, "the known-answer file is not one JSON object"),
                arguments("{}", secrets, "the known answers have no member \"secrets\""),
                arguments("{\"secrets\": []}", secrets, "\"secrets\" must be an object"),
                arguments("{\"secrets\": {\"master_secret\": \"AB\"}}", secrets,
                        "\"master_secret\" must be lowercase hex of even length"),
                arguments("{\"secrets\": {\"master_secret\": \"abc\"}}", secrets,
                        "\"master_secret\" must be lowercase hex of even length"),
                arguments("{\"secrets\": {\"master_secret\": 12}}", secrets,
                        "\"master_secret\" must be lowercase hex of even length"),
                arguments("{\"wire\": {}}", wire, "\"wire\" must be an array"),
                arguments("{\"wire\": [{\"from\": \"observer\", \"line\": \"{}\\n\"}]}", wire,
                        "\"from\" must be \"client\" or \"server\", got \"observer\""),
                arguments("{\"wire\": [{\"from\": \"client\", \"line\": 7}]}", wire, "\"line\" must be a string"),
                arguments("{\"wire\": [{\"from\": \"client\", \"line\": \"{\\u00e9}\\n\"}]}", wire,
                        "a recorded line is not ASCII"),
                arguments("{\"root_certificate_pem\": \"\", \"server_certificate_pem\": \"\"}", pki,
                        "the known answers have no member \"server_private_key_pem\""),
                arguments(inputsWith("\"validity_days\": 36500", "\"validity_days\": \"36500\""), inputs,
                        "\"validity_days\" must be an integer"),
                arguments(inputsWith("\"not_before\": \"2020-01-01T00:00:00Z\"", "\"not_before\": \"2020-01-01\""),
                        inputs, "\"not_before\" must be an ISO-8601 instant such as 2020-01-01T00:00:00Z"),
                arguments(inputsWith("\"certificate_authority_random\": [", "\"certificate_authority_random\": [\"0\", "),
                        inputs, "\"certificate_authority_random\" must be lowercase hex of even length"));
    }

    /** The pinned inputs with one member changed, as a file holding nothing else. */
    private static String inputsWith(String member, String replacement) {
        String inputs = KatJson.write(KatInputs.PINNED.toJson());
        if (!inputs.contains(member)) {
            throw new IllegalStateException("the pinned inputs have no " + member);
        }
        return "{\"inputs\": " + inputs.replace(member, replacement) + "}";
    }
}
