package io.kustos.decrypt;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/** A file could not be decrypted. The message names file, key path and kind; never a value. */
public class DecryptionException extends StallingException {
    public DecryptionException(String message) {
        super(message, FailureReason.DECRYPTION);
    }
}
