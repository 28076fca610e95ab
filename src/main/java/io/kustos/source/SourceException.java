package io.kustos.source;

import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;

/** A git source could not be reached, authenticated against or read. */
public class SourceException extends TransientException {
    public SourceException(String message, Throwable cause) {
        super(message, FailureReason.SOURCE_UNREACHABLE, cause);
    }
}
