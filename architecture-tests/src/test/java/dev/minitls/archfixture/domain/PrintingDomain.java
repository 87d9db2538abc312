package dev.minitls.archfixture.domain;

/** Breaks rule 7: library code prints to the console. */
public final class PrintingDomain {

    void show(String line) {
        System.out.println(line);
    }
}
