package dev.minitls.archfixture.transport.json;

/** Allowed: a JSON-lines codec on its own. */
public final class LinesCodec {

    public String line() {
        return "{}\n";
    }
}
