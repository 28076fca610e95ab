package io.kustos.config;

/**
 * One git source.
 *
 * @param url    file://, http(s)://, ssh:// or scp-like {@code git@host:path} URL
 * @param branch the branch to follow; default "main"
 * @param auth   credentials; default none
 */
public record SourceSpec(String url, String branch, GitAuth auth) {
    public SourceSpec {
        if (branch == null || branch.isBlank()) {
            branch = "main";
        }
        if (auth == null) {
            auth = GitAuth.NONE;
        }
    }
}
