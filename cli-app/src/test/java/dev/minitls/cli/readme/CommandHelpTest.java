package dev.minitls.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.command.MinitlsCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help}, and its help ends with examples of its use. */
class CommandHelpTest {

    @Test
    void everyCommandHasHelpWithExamples() {
        Map<String, CommandLine> commands = MinitlsCommand.commandLine().getSubcommands();

        assertThat(commands).containsKeys("certs", "server", "client", "demo", "inspect");
        commands.forEach((name, command) -> {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).startsWith("Usage: minitls " + name).contains("--help")
                    .containsPattern("Examples?:\\s+(\\n\\s+)?minitls " + name);
        });
    }

    @Test
    void theCommandsThatMakeConnectionsCanBeTraced() {
        for (String name : new String[] {"server", "client", "demo"}) {
            String help = MinitlsCommand.commandLine().getSubcommands().get(name)
                    .getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).contains("--trace[=text|json]", "--keylog=FILE");
        }
    }
}
