package io.kustos.history;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/** Blame cannot answer: the object or key is not there, or the head does not render. */
public final class BlameException extends StallingException {
    BlameException(String message) {
        super(message, FailureReason.BLAME_UNANSWERABLE);
    }
}
