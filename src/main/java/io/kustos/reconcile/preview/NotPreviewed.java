package io.kustos.reconcile.preview;

import io.kustos.failure.FailureKind;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;

/**
 * Why a preview could not run, for a reason that may pass on a retry (the cluster or a git source
 * could not be reached): not a verdict on the change. Said in words fit for a pull request, which
 * everyone who can read it reads: never an address, a host, an exception's class or its message.
 */
public final class NotPreviewed {
    private NotPreviewed() {
    }

    /** {@code error} may pass on a retry (a transient or waiting failure), so it says nothing about the change. */
    public static boolean mayPass(KustosException error) {
        return error.reason().kind() != FailureKind.STALLING;
    }

    /**
     * {@code error} says nothing about the change previewed: it may pass on a retry, or it is a git source's
     * (the repo moved or not found, a head not yet on the remote: a forge's pull request ref can lag its
     * webhook), which is Kustos's settings or the remote's, never the pull request's.
     */
    public static boolean notTheChanges(KustosException error) {
        return mayPass(error) || error.reason() == FailureReason.SOURCE_MISCONFIGURED;
    }

    /**
     * {@code the cluster of staging could not be reached}.
     *
     * @param environment the environment that could not be previewed, null when the preview failed before any
     */
    public static String why(String environment, KustosException error) {
        String cluster = environment == null ? "the cluster" : "the cluster of " + environment;
        return switch (error.reason()) {
            case SOURCE_UNREACHABLE, SOURCE_MISCONFIGURED -> "a git source could not be fetched";
            case THROTTLED -> cluster + " asked to slow down";
            case WRITE_LOCKED -> "another writer held the write lock of " + (environment == null ? "an environment" : environment);
            case INTERRUPTED -> "Kustos was stopping";
            default -> cluster + " could not be reached";
        };
    }
}
