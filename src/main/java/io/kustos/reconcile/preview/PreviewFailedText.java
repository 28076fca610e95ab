package io.kustos.reconcile.preview;

import io.kustos.failure.KustosException;

/**
 * Why a preview failed before any environment, for a reason that will not pass by itself, in words
 * fit for a pull request: a fixed text per {@link io.kustos.failure.FailureReason} and what to do,
 * never the exception's message (it may name the API server, a git URL, a key file or a local path;
 * the daemon's log keeps it).
 */
public final class PreviewFailedText {
    private PreviewFailedText() {
    }

    /** {@code the head commit is not signed by a trusted key: sign it with a key in sources.*.verify.trustedKeyFiles and push again}. */
    public static String of(KustosException error) {
        return switch (error.reason()) {
            case INVALID_INPUT -> "the repos at this head do not render: run kustos validate on them to see each file and line";
            case DECRYPTION -> "an encrypted file could not be decrypted: run kustos validate with the keys to see which";
            case UNVERIFIED_COMMIT -> "the head commit is not signed by a trusted key: sign it with a key of sources.*.verify and push again";
            case REWRITTEN_HISTORY -> "a followed branch was force-pushed: push its old history back (or set sources.*.allowForcePush)";
            case INVALID_CONFIG, TRUSTED_KEYS, LOCAL_FILES -> "Kustos's own settings or files could not be used: its operators find why in its log";
            default -> "the preview failed (" + error.reason().word() + "): Kustos's operators find why in its log";
        };
    }
}
