package io.kustos.config;

/** The two repositories Kustos follows. */
public record Sources(SourceSpec config, SourceSpec releases) {
    /**
     * Config and releases are one repo: both sources are the same remote and branch (README "One repo
     * for both"), so one revision of it is both sides.
     */
    public boolean oneRepo() {
        return config.url().equals(releases.url()) && config.branch().equals(releases.branch());
    }
}
