package dev.minitls.archfixture.cli;

import com.google.inject.Injector;
import dev.minitls.archfixture.cli.wiring.FixtureWiring;
import dev.minitls.archfixture.crypto.jca.JdkHash;
import dev.minitls.archfixture.transport.JsonTransport;
import picocli.CommandLine;

/** Allowed: the cli wires everything with Guice (through its one wiring place), parses with picocli and prints. */
@CommandLine.Command(name = FixtureCli.NAME)
public final class FixtureCli implements Runnable {

    /** The command's name. */
    public static final String NAME = "fixture";

    @Override
    public void run() {
        Injector injector = FixtureWiring.injector();
        JsonTransport transport = injector.getInstance(JsonTransport.class);
        System.out.println(new JdkHash().algorithm() + " " + transport.exchange(new byte[0]).length);
    }
}
