package io.kustos.decrypt.age;

import io.kustos.decrypt.DecryptionException;

/**
 * An age file could not be opened or made. The message says what was wrong and where, never a
 * key, a file key or plaintext.
 */
public final class AgeException extends DecryptionException {
    private final AgeFailure failure;

    public AgeException(AgeFailure failure, String detail) {
        super(failure.description() + ": " + detail);
        this.failure = failure;
    }

    public AgeFailure failure() {
        return failure;
    }
}
