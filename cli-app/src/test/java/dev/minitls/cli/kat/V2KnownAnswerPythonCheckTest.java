package dev.minitls.cli.kat;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.minitls.cli.support.Subprocess;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code check_v2_key_schedule.py}, an independent recomputation of the v2 known answers with Python's
 * {@code cryptography} (key schedule, transcript, records, CertificateVerify, Finished), on the file, and on copies
 * with one value changed, which it must refuse. Uses {@code /usr/bin/python3} when it can import
 * {@code cryptography}, else {@code python3} on the PATH when that can; skipped with a message otherwise. Each run
 * is limited to {@link Subprocess#PATIENCE} (30 s).
 */
class V2KnownAnswerPythonCheckTest {

    private static final String SCRIPT = "kat/check_v2_key_schedule.py";
    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");

    private static Path script;
    private static String python;

    @BeforeAll
    static void findPythonWithCryptography() throws Exception {
        script = resource(SCRIPT);
        python = pythonWithCryptography(script.getParent()).orElse(null);
    }

    /** Per test, so that each one is reported as skipped, with the reason. */
    @BeforeEach
    void requirePython() {
        assumeTrue(python != null, "skipped: neither /usr/bin/python3 nor python3 on the PATH imports cryptography");
    }

    @Test
    void pythonRecomputesEveryKnownAnswer() throws Exception {
        Subprocess check = check(resource(V2KnownAnswer.RESOURCE));

        assertThat(check.awaitExit()).as("exit status; %s", check.printed()).isZero();
        assertThat(check.stdout()).containsExactly("v2 known answers OK");
        assertThat(check.stderr()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneValueChanged")
    void pythonRefusesKnownAnswersWithOneValueChanged(String what, String before, String value, String reason,
            @TempDir Path dir) throws Exception {
        String text = Files.readString(resource(V2KnownAnswer.RESOURCE), US_ASCII);
        Path tampered = Files.writeString(dir.resolve("tampered.json"),
                Tampering.changeFirstCharacter(text, before, value), US_ASCII);

        Subprocess check = check(tampered);

        assertThat(check.awaitExit()).as("exit status; %s", check.printed()).isEqualTo(1);
        assertThat(check.stdout()).isEmpty();
        assertThat(check.stderr()).containsExactly("v2 known answers FAILED: " + reason);
    }

    static Stream<Arguments> oneValueChanged() throws IOException {
        V2KnownAnswer file = V2KnownAnswer.load();
        String differs = ": the recorded value differs from the recomputed one";
        String ciphertext = file.wire().get(2).text().replaceFirst("(?s).*\"ciphertext\": \"", "");
        return Stream.of(
                arguments("the first record's ciphertext", "\\\"ciphertext\\\": \\\"", ciphertext.substring(0, 8),
                        "frame 2: does not decrypt under server_handshake keys with seq 0"),
                arguments("the server's ephemeral private key", "\"server_ephemeral_private_key\": \"",
                        file.member("inputs").get("server_ephemeral_private_key").textValue(),
                        "server key_share" + differs),
                arguments("the transcript hash after the ServerHello", "\"transcript_hash\": \"",
                        file.transcriptHashes().get(1), "handshake ServerHello transcript_hash" + differs),
                arguments("master_secret", "\"master_secret\": \"", file.secrets().get("master_secret"),
                        "master_secret" + differs),
                arguments("server_application_iv", "\"server_application_iv\": \"",
                        file.secrets().get("server_application_iv"), "server_application_iv" + differs),
                arguments("the CertificateVerify signature", "\"certificate_verify_signature\": \"",
                        file.member("certificate_verify_signature").textValue(),
                        "certificate_verify_signature" + differs),
                arguments("the client's verify_data", "\"client_verify_data\": \"",
                        file.member("client_verify_data").textValue(), "client_verify_data" + differs));
    }

    private static Subprocess check(Path knownAnswers) throws IOException {
        return Subprocess.start(script.getParent(), List.of(python, script.toString(), knownAnswers.toString()));
    }

    /** The first candidate that runs and imports cryptography. */
    private static Optional<String> pythonWithCryptography(Path workDir) throws InterruptedException {
        for (String candidate : CANDIDATES) {
            if (candidate.startsWith("/") && !Files.isExecutable(Path.of(candidate))) {
                continue;
            }
            Subprocess probe;
            try {
                probe = Subprocess.start(workDir, List.of(candidate, "-c", "import cryptography"));
            } catch (IOException notOnThePath) {
                continue;
            }
            if (probe.awaitExit() == 0) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path resource(String name) throws IOException {
        URL url = V2KnownAnswerPythonCheckTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException(name + " is not on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate " + name + ": " + e.getMessage(), e);
        }
    }
}
