package dev.minitls.archfixture.transport;

/** Breaks rule 7: library code dumps a stack trace on the console. */
public final class StackTraceTransport {

    void failed(RuntimeException e) {
        e.printStackTrace();
    }
}
