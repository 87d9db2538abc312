package dev.minitls.archfixture.domain;

import java.io.File;

/** Breaks rule 1: the domain touches the file system. */
public final class FileDomain {

    boolean present(File file) {
        return file.exists();
    }
}
