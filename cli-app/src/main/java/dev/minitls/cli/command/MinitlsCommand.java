package dev.minitls.cli.command;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: only subcommands do anything. */
@Command(name = "minitls", mixinStandardHelpOptions = true, version = "minitls 0.1.0",
        description = "A TLS 1.3-style secure channel you can read, test and take apart.",
        subcommands = {CertsCommand.class, ServerCommand.class, ClientCommand.class, DemoCommand.class,
            InspectCommand.class, DecodeCommand.class, SpeedCommand.class, BenchCommand.class, SoakCommand.class},
        footer = {"", "Start with: minitls demo"})
public final class MinitlsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Exit status of a run that failed for a reason the user can act on. */
    public static final int FAILED = 1;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * A command line whose failures end as one line on stderr, with a stack trace only under --verbose. A usage error
     * (an unknown option, a bad value) says what is wrong and where the help is, and ends with exit status 2.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MinitlsCommand());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("minitls: " + PeerText.escape(e.getMessage()) + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean verbose = parseResult.subcommand() != null
                    && parseResult.subcommand().hasMatchedOption("--verbose");
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("minitls: " + describe(e));
            return FAILED;
        });
        return commandLine;
    }

    private static String describe(Exception e) {
        if (e instanceof UserError || e instanceof ProtocolException) {
            return e.getMessage();
        }
        return "internal error: " + PeerText.escape(e.toString()) + " (run with --verbose for details)";
    }
}
