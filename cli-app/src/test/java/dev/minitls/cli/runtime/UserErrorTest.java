package dev.minitls.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** A failed file operation says why in words, never only the file's name again, and keeps the cause. */
class UserErrorTest {

    @Test
    void saysTheSystemsReasonWhenThereIsOne() {
        FileSystemException readOnly = new FileSystemException("/mnt/k", null, "Read-only file system");

        UserError error = UserError.io("cannot open the key log /mnt/k", readOnly);

        assertThat(error).hasMessage("cannot open the key log /mnt/k: Read-only file system").hasCause(readOnly);
    }

    @Test
    void namesTheKindOfFailureWhenThereIsNoReason() {
        assertThat(UserError.io("cannot read k.pem", new AccessDeniedException("k.pem")))
                .hasMessage("cannot read k.pem: access denied");
        assertThat(UserError.io("cannot write k", new FileAlreadyExistsException("k")))
                .hasMessage("cannot write k: file already exists");
    }

    @Test
    void saysTheMessageOfAnyOtherInputOutputFailure() {
        assertThat(UserError.io("cannot read k.pem", new IOException("Is a directory")))
                .hasMessage("cannot read k.pem: Is a directory");
    }
}
