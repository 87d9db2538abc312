package dev.minitls.cli.kat;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.bc.BcCryptoProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a check but the generator's entry point: rewrites {@code src/test/resources/kat/v2-known-answer.json} from
 * {@link KatInputs#PINNED} with Bouncy Castle, and only when Maven runs it with
 * {@code -Dminitls.kat.regenerate=true} (see {@link V2KnownAnswer}); every other run skips it. Review the diff
 * before committing the new file. The same property makes {@link ProtocolAppendixTest} rewrite docs/PROTOCOL.md's
 * appendix from the file as it finds it: run it once more after a new file, so that the appendix prints that one.
 */
class V2KnownAnswerRegenerationTest {

    @Test
    @EnabledIfSystemProperty(named = "minitls.kat.regenerate", matches = "true")
    void regenerate() throws IOException {
        String root = System.getProperty("minitls.root");
        assertThat(root).as("system property minitls.root (set by the parent pom)").isNotNull();
        Path target = Path.of(root, "cli-app", "src", "test", "resources").resolve(V2KnownAnswer.RESOURCE);

        Files.writeString(target, V2KnownAnswer.generate(KatInputs.PINNED, new BcCryptoProvider()).toJson(), US_ASCII);
    }
}
