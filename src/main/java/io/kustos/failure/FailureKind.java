package io.kustos.failure;

/**
 * What to do next about a failure (after Flux's source-controller): the kind decides the retry,
 * the {@link FailureReason} says what went wrong. Each kind is one subclass of
 * {@link KustosException}.
 */
public enum FailureKind {
    /** A person must fix the input, the configuration or the cluster: not retried until something changes. */
    STALLING,
    /** Not ready yet (throttled): retried after the failure's own delay. */
    WAITING,
    /** A fault that may pass (unreachable, interrupted): retried with backoff. */
    TRANSIENT
}
