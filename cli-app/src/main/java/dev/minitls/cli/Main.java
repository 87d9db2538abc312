package dev.minitls.cli;

import dev.minitls.cli.command.MinitlsCommand;

/** The {@code minitls} executable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MinitlsCommand.commandLine().execute(args));
    }
}
