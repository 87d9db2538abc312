package dev.minitls.cli.kat;

import static dev.minitls.cli.kat.KatJson.array;
import static dev.minitls.cli.kat.KatJson.integer;
import static dev.minitls.cli.kat.KatJson.object;
import static dev.minitls.cli.kat.KatJson.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * docs/PROTOCOL.md's appendix prints one complete v2 session with its private inputs, so that a peer written from
 * the page alone has a known-answer test: it is the known-answer file ({@link V2KnownAnswer#RESOURCE}) rendered as
 * text, and must stay exactly that. When the file changes on purpose, {@code -Dminitls.kat.regenerate=true} rewrites
 * the appendix too (review the diff before committing).
 */
class ProtocolAppendixTest {

    static final String BEGIN = "<!-- Appendix A is generated from cli-app/src/test/resources/kat/v2-known-answer.json"
            + " by ProtocolAppendixTest: do not edit it by hand. -->";
    static final String END = "<!-- End of appendix A. -->";

    /** The file's members and inputs the appendix prints; a member it does not know fails the test. */
    private static final Set<String> MEMBERS = Set.of("about", "inputs", "root_certificate_pem",
            "server_certificate_pem", "server_private_key_pem", "wire", "handshake", "secrets",
            "certificate_verify_signature", "server_verify_data", "client_verify_data");
    private static final Set<String> INPUTS = Set.of("server_name", "root_common_name", "not_before",
            "validity_days", "certificate_authority_random", "client_clock", "client_random",
            "client_ephemeral_private_key", "server_random", "server_ephemeral_private_key", "application_data");

    @Test
    void theAppendixIsTheKnownAnswerFile() throws IOException {
        List<String> lines = Files.readAllLines(protocol(), StandardCharsets.UTF_8);
        Appendix appendix = Appendix.in(lines);

        assertThat(String.join("\n", lines.subList(appendix.begin() + 1, appendix.end())))
                .as("docs/PROTOCOL.md's appendix A, rendered from %s", V2KnownAnswer.RESOURCE)
                .isEqualTo(String.join("\n", render(knownAnswers())));
    }

    @Test
    @EnabledIfSystemProperty(named = "minitls.kat.regenerate", matches = "true")
    void regenerate() throws IOException {
        List<String> lines = Files.readAllLines(protocol(), StandardCharsets.UTF_8);
        Appendix appendix = Appendix.in(lines);
        List<String> rewritten = new ArrayList<>(lines.subList(0, appendix.begin() + 1));
        rewritten.addAll(render(knownAnswers()));
        rewritten.addAll(lines.subList(appendix.end(), lines.size()));
        Files.write(protocol(), rewritten, StandardCharsets.UTF_8);
    }

    /** Where the appendix is: the indexes of its two marker lines. */
    private record Appendix(int begin, int end) {

        static Appendix in(List<String> lines) {
            int begin = lines.indexOf(BEGIN);
            int end = lines.indexOf(END);
            assertThat(begin).as("docs/PROTOCOL.md has the line %s", BEGIN).isNotNegative();
            assertThat(end).as("docs/PROTOCOL.md has the line %s after the appendix's start", END)
                    .isGreaterThan(begin);
            return new Appendix(begin, end);
        }
    }

    /** The appendix's lines for the known answers {@code kat}. */
    static List<String> render(JsonNode kat) {
        assertThat(names(kat)).as("the known-answer file's members, all known to this appendix").isEqualTo(MEMBERS);
        JsonNode inputs = object(kat, "inputs");
        assertThat(names(inputs)).as("the known-answer file's inputs, each printed below").isEqualTo(INPUTS);
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("## Appendix A: one complete v2 session");
        out.add("");
        out.add("Everything needed to reproduce every byte of one v2 session, as the known-answer file "
                + "`cli-app/src/test/resources/kat/v2-known-answer.json` holds it (printed here by "
                + "`ProtocolAppendixTest`, which keeps the two equal): the client connects, sends `"
                + text(inputs, "application_data") + "`, the server echoes it, the client ends with close_notify "
                + "and the server answers with its own. X25519 and Ed25519 (RFC 8032) are deterministic and the "
                + "record nonces follow from the keys, so nothing else is random.");
        out.add("");
        out.add("### Private inputs");
        out.add("");
        out.add("| input | value |");
        out.add("|---|---|");
        out.add("| client random | `" + text(inputs, "client_random") + "` |");
        out.add("| client ephemeral X25519 private key | `" + text(inputs, "client_ephemeral_private_key") + "` |");
        out.add("| server random | `" + text(inputs, "server_random") + "` |");
        out.add("| server ephemeral X25519 private key | `" + text(inputs, "server_ephemeral_private_key") + "` |");
        out.add("| server_name the client asks for and checks | `" + text(inputs, "server_name") + "` |");
        out.add("| the client's clock (when it checks the certificate) | `" + text(inputs, "client_clock") + "` |");
        out.add("| application data | `" + text(inputs, "application_data") + "` |");
        out.add("");
        out.add("The test PKI: the root `CN=" + text(inputs, "root_common_name") + "` and the server certificate, "
                + "both valid from " + text(inputs, "not_before") + " for " + integer(inputs, "validity_days")
                + " days, were issued by `CertificateAuthority` from these random bytes, in the order it draws "
                + "them: " + joinedHex(array(inputs, "certificate_authority_random")) + ".");
        out.add("");
        out.add("The client's trusted root:");
        pem(out, text(kat, "root_certificate_pem"));
        out.add("The server's certificate (what the Certificate message carries as the hex of this text):");
        pem(out, text(kat, "server_certificate_pem"));
        out.add("The server's Ed25519 signing key (PKCS#8; a test key, never to be trusted):");
        pem(out, text(kat, "server_private_key_pem"));
        out.add("### Frames on the wire");
        out.add("");
        out.add("Each frame as sent, without its final `\\n`; then, for a record, the keys it is sealed under, its "
                + "sequence number, its content type and its inner plaintext (content || content type), in hex.");
        out.add("");
        out.add("```");
        for (JsonNode frame : array(kat, "wire")) {
            out.add(direction(frame) + " " + line(frame));
            if (frame.has("keys")) {
                out.add("    " + text(frame, "keys") + " keys, seq " + integer(frame, "seq") + ", "
                        + text(frame, "content_type") + ", inner plaintext " + text(frame, "inner_plaintext"));
            }
        }
        out.add("```");
        out.add("");
        out.add("### Handshake lines and transcript hashes");
        out.add("");
        out.add("The lines the transcript covers (each followed by `\\n`), and the transcript hash through each:");
        out.add("");
        out.add("```");
        for (JsonNode message : array(kat, "handshake")) {
            out.add(direction(message) + " " + line(message));
            out.add("    transcript hash " + text(message, "transcript_hash"));
        }
        out.add("```");
        out.add("");
        out.add("### Secrets and proofs");
        out.add("");
        out.add("| value | hex |");
        out.add("|---|---|");
        JsonNode secrets = object(kat, "secrets");
        secrets.fieldNames().forEachRemaining(name -> out.add("| " + name + " | `" + text(secrets, name) + "` |"));
        for (String proof : List.of("certificate_verify_signature", "server_verify_data", "client_verify_data")) {
            out.add("| " + proof + " | `" + text(kat, proof) + "` |");
        }
        out.add("");
        return out;
    }

    private static void pem(List<String> out, String pem) {
        out.add("");
        out.add("```");
        out.addAll(pem.lines().toList());
        out.add("```");
        out.add("");
    }

    private static String line(JsonNode frame) {
        String line = text(frame, "line");
        assertThat(line).as("a frame ends with its one newline").endsWith("\n");
        return line.substring(0, line.length() - 1);
    }

    private static String direction(JsonNode frame) {
        return switch (text(frame, "from")) {
            case "client" -> "C→S";
            case "server" -> "S→C";
            default -> throw new IllegalStateException("\"from\" must be client or server");
        };
    }

    private static String joinedHex(JsonNode values) {
        List<String> hex = new ArrayList<>();
        values.forEach(value -> hex.add("`" + KatJson.HEX.formatHex(KatJson.hexValue(value, "random")) + "`"));
        return String.join(", ", hex);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode knownAnswers() throws IOException {
        Path file = root().resolve(Path.of("cli-app", "src", "test", "resources")).resolve(V2KnownAnswer.RESOURCE);
        return KatJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static Path protocol() {
        return root().resolve(Path.of("docs", "PROTOCOL.md"));
    }

    private static Path root() {
        String root = System.getProperty("minitls.root");
        assertThat(root).as("system property minitls.root (set by the parent pom)").isNotNull();
        return Path.of(root);
    }
}
