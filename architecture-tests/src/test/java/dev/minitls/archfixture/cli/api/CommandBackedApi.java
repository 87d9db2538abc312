package dev.minitls.archfixture.cli.api;

import dev.minitls.archfixture.cli.FixtureCli;

/** Breaks rule 8 through another class: a library user would need picocli to run it. */
public final class CommandBackedApi {

    public void run() {
        new FixtureCli().run();
    }
}
