package io.kustos.config;

import java.time.Duration;

/**
 * One git source.
 *
 * @param url     file://, http(s)://, ssh:// or scp-like {@code git@host:path} URL
 * @param branch  the branch to follow; default "main"
 * @param auth    credentials; default none
 * @param verify  commit signature verification; default none (any head is applied)
 * @param timeout the longest one git operation on the remote (a poll: ls-remote and fetch; a clone;
 *                a push) may take; default {@link #DEFAULT_TIMEOUT} (from kustos.yaml: shorter than
 *                {@code sync.interval}, see {@code GitTimeoutRule})
 * @param allowForcePush follow the branch when its new head does not descend from the last one
 *                (a force push); default false: such a head is refused until the old history is
 *                pushed back
 */
public record SourceSpec(String url, String branch, GitAuth auth, SignatureVerification verify, Duration timeout,
                         boolean allowForcePush) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** A source whose commits are not verified. */
    public SourceSpec(String url, String branch, GitAuth auth) {
        this(url, branch, auth, null, null);
    }

    /** A source with the default timeout. */
    public SourceSpec(String url, String branch, GitAuth auth, SignatureVerification verify) {
        this(url, branch, auth, verify, null);
    }

    /** A source that refuses a force-pushed head. */
    public SourceSpec(String url, String branch, GitAuth auth, SignatureVerification verify, Duration timeout) {
        this(url, branch, auth, verify, timeout, false);
    }

    public SourceSpec {
        if (branch == null || branch.isBlank()) {
            branch = "main";
        }
        if (auth == null) {
            auth = GitAuth.NONE;
        }
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
    }

    /** Whether only heads signed by a trusted key are applied. */
    public boolean verifiesSignatures() {
        return verify != null;
    }
}
