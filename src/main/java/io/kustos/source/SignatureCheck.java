package io.kustos.source;

import io.kustos.source.UnverifiedCommitException.Reason;

/**
 * What {@link CommitSignatures} found.
 *
 * @param reason         null when the commit is signed by a trusted key
 * @param keyFingerprint the signing key (upper-case hex), as far as the signature names it; null if unsigned
 * @param detail         more about a refusal, for people; never secret
 */
record SignatureCheck(Reason reason, String keyFingerprint, String detail) {
    static SignatureCheck trusted(String keyFingerprint) {
        return new SignatureCheck(null, keyFingerprint, null);
    }

    static SignatureCheck refused(Reason reason, String keyFingerprint, String detail) {
        return new SignatureCheck(reason, keyFingerprint, detail);
    }

    boolean isTrusted() {
        return reason == null;
    }

    String describe() {
        if (reason == null) {
            return "signed by trusted key " + keyFingerprint;
        }
        String text = reason == Reason.UNKNOWN_KEY ? reason.text() + " " + keyFingerprint : reason.text();
        return detail == null ? text : text + " (" + detail + ")";
    }
}
