package dev.minitls.archfixture.cli;

import java.io.IOException;

/** Breaks rule 13: a command outside the bench runs another program. */
public final class ShellingCommand {

    void open(String file) throws IOException {
        Runtime.getRuntime().exec(new String[] {"xdg-open", file});
    }
}
