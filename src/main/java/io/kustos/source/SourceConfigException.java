package io.kustos.source;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/**
 * A source's settings do not fit its remote: the branch or the repository does not exist there,
 * or the ssh host key is unknown or changed. Retrying will not help until a person fixes
 * kustos.yaml, the known_hosts file or the remote (exit 3). The message names the source, the
 * URL without a password, and what to change.
 */
public final class SourceConfigException extends StallingException {
    SourceConfigException(String message, Throwable cause) {
        super(message, FailureReason.SOURCE_MISCONFIGURED, cause);
    }
}
