package io.kustos.config;

/**
 * One git source.
 *
 * @param url    file://, http(s)://, ssh:// or scp-like {@code git@host:path} URL
 * @param branch the branch to follow; default "main"
 * @param auth   credentials; default none
 * @param verify commit signature verification; default none (any head is applied)
 */
public record SourceSpec(String url, String branch, GitAuth auth, SignatureVerification verify) {
    /** A source whose commits are not verified. */
    public SourceSpec(String url, String branch, GitAuth auth) {
        this(url, branch, auth, null);
    }

    public SourceSpec {
        if (branch == null || branch.isBlank()) {
            branch = "main";
        }
        if (auth == null) {
            auth = GitAuth.NONE;
        }
    }

    /** Whether only heads signed by a trusted key are applied. */
    public boolean verifiesSignatures() {
        return verify != null;
    }
}
