package io.kustos.source;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/**
 * A source that verifies signatures has a branch head that is not signed by a trusted key: it is
 * not applied, and the cluster keeps the last good state. Not retried until the head moves (a
 * person must sign or revert the commit, or trust the key). The message names the source, the
 * commit, its author and why.
 */
public final class UnverifiedCommitException extends StallingException {
    /** Why a head was refused. */
    public enum Reason {
        /** The commit carries no signature. */
        UNSIGNED("unsigned"),
        /** Signed by a key that is not in the trusted keys files. */
        UNKNOWN_KEY("signed by unknown key"),
        /** The signature is malformed or does not match the commit (changed after signing). */
        BAD_SIGNATURE("bad signature"),
        /** Signed by a trusted key that is revoked or had expired. */
        KEY_NOT_VALID("key not valid"),
        /** An SSH or X.509 signature, or a weak hash algorithm. */
        UNSUPPORTED("unsupported signature");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final String source;
    private final CommitInfo commit;
    private final Reason signatureReason;
    private final String keyFingerprint;

    UnverifiedCommitException(String source, String url, CommitInfo commit, SignatureCheck check) {
        super("source '" + source + "' (" + Redactor.url(url) + "): refused commit " + commit.sha() + " by "
                + commit.author() + " (\"" + commit.subject() + "\"): " + check.describe()
                + "; only a head signed by a key in sources." + source + ".verify.trustedKeyFiles is applied",
                FailureReason.UNVERIFIED_COMMIT);
        this.source = source;
        this.commit = commit;
        this.signatureReason = check.reason();
        this.keyFingerprint = check.keyFingerprint();
    }

    public String source() {
        return source;
    }

    public CommitInfo commit() {
        return commit;
    }

    /** Why the signature was refused (the failure's {@link #reason()} is {@link FailureReason#UNVERIFIED_COMMIT}). */
    public Reason signatureReason() {
        return signatureReason;
    }

    /** The signing key's fingerprint (or 16-hex key ID when the signature names no fingerprint); null if unsigned. */
    public String keyFingerprint() {
        return keyFingerprint;
    }
}
