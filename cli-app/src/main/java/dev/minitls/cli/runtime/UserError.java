package dev.minitls.cli.runtime;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** A failure the user can fix, reported as one line on stderr without a stack trace. */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A file operation that failed: {@code what} (such as {@code cannot read x.pem}) and why, in words: the
     * system's reason ({@code Is a directory}) or the kind of failure ({@code access denied}), never only the file's
     * name again.
     */
    public static UserError io(String what, IOException e) {
        return new UserError(what + ": " + reason(e), e);
    }

    private static String reason(IOException e) {
        String reason = e instanceof FileSystemException failure ? failure.getReason() : e.getMessage();
        if (reason != null) {
            return reason;
        }
        // The name of the failure, as NoSuchFileException and AccessDeniedException give no reason: "access denied".
        return e.getClass().getSimpleName().replaceFirst("Exception$", "")
                .replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
