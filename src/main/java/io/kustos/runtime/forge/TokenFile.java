package io.kustos.runtime.forge;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code previews.tokenFile}, the forge token's file: read at every call (a rotated token is used at
 * once), checked once at start so that a wrong path stops {@code kustos run} (exit 3) instead of
 * failing every report.
 */
final class TokenFile {
    static final String FIELD = "previews.tokenFile";

    private TokenFile() {
    }

    /** Fails (exit 3) naming {@value #FIELD}, the path and what to do when {@code file} cannot be read. */
    static void check(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new StallingException(FIELD + ": " + file + " " + (Files.exists(file) ? "is not a readable file" : "does not exist")
                    + "; " + TO_DO, FailureReason.INVALID_CONFIG);
        }
    }

    static final String TO_DO = "point " + FIELD + " at a readable file holding the forge's token";

    /** Why {@code file} could not be read, in words: no exception class. */
    static String why(IOException e) {
        return e instanceof NoSuchFileException ? "does not exist" : e instanceof AccessDeniedException ? "cannot be read (permission denied)"
                : "cannot be read";
    }
}
