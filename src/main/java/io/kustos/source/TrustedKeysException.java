package io.kustos.source;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/** A trusted keys file of a source that verifies signatures cannot be read or holds no usable public key. */
public final class TrustedKeysException extends StallingException {
    TrustedKeysException(String message, Throwable cause) {
        super(message, FailureReason.TRUSTED_KEYS, cause);
    }
}
