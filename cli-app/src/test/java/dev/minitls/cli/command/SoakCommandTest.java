package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Subprocess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minitls soak} as a user runs it: a small soak passes and says so; a bad size is refused in one line. */
class SoakCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSmallSoakPassesAndPrintsItsFigures() throws Exception {
        Subprocess soak = Subprocess.minitls(dir, "soak", "--connections", "50", "--threads", "4", "--provider", "jca");

        assertThat(soak.awaitExit()).as(soak.printed()).isZero();
        assertThat(soak.stdout()).first().asString()
                .startsWith("soak: 50 connections from 4 client threads in ").endsWith("provider jca, loopback only");
        assertThat(soak.stdout()).anyMatch(line -> line.startsWith("  threads "))
                .anyMatch(line -> line.contains("still accepting: yes"));
        assertThat(soak.stdout()).last().isEqualTo("passed");
    }

    @Test
    void moreClientThreadsThanTheServerTakesAtOnceAreRefused() throws Exception {
        Subprocess soak = Subprocess.minitls(dir, "soak", "--threads", "65");

        assertThat(soak.awaitExit()).as(soak.printed()).isEqualTo(1);
        assertThat(soak.stderr()).containsExactly("minitls: client threads must be 1 to 64, got 65");
    }
}
