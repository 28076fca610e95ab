package io.kustos.reconcile;

import io.kustos.config.KustosConfig;
import io.kustos.source.GitSource;
import io.kustos.source.PollResult;
import io.kustos.work.ContextExecutor;

/**
 * The two git sources of a configuration, polled together: the release source on a thread of its
 * own, with the caller's log context (never on the common ForkJoinPool, whose few workers JGit
 * needs for its own tasks).
 */
public final class SourcePoller implements SnapshotLookup {
    private final GitSource config;
    private final GitSource releases;
    /** One thread: the release source polls one at a time anyway. */
    private final ContextExecutor releasePoller = new ContextExecutor(1, "kustos-poll-releases");

    public SourcePoller(KustosConfig cfg) {
        this.config = new GitSource("config", cfg.sources().config(), cfg.cacheDir());
        this.releases = new GitSource("releases", cfg.sources().releases(), cfg.cacheDir());
    }

    /** Both heads, asked for at the same time; each fetched only if it moved since the last poll. */
    public Polled poll() {
        var releasesPoll = releasePoller.submit(java.util.Map.of(), releases::poll);
        PollResult configPoll;
        try {
            configPoll = config.poll();
        } catch (RuntimeException e) {
            releasesPoll.exceptionally(ignored -> null).join();
            throw e;
        }
        try {
            return new Polled(configPoll, releasesPoll.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The revisions {@code kustos preview} shows: each source's {@code ref} fetched (without moving
     * the followed branch), or, for a null ref, the branch head as a poll finds it.
     */
    public Heads preview(io.kustos.source.PreviewRef configRef, io.kustos.source.PreviewRef releasesRef) {
        return new Heads(configRef == null ? config.poll().snapshot() : config.fetch(configRef),
                releasesRef == null ? releases.poll().snapshot() : releases.fetch(releasesRef));
    }

    /** One snapshot of each repo. */
    public record Heads(io.kustos.source.RepoSnapshot config, io.kustos.source.RepoSnapshot releases) {
    }

    @Override
    public io.kustos.source.RepoSnapshot config(io.kustos.source.Revision revision) {
        return config.snapshot(revision.sha());
    }

    @Override
    public io.kustos.source.RepoSnapshot releases(io.kustos.source.Revision revision) {
        return releases.snapshot(revision.sha());
    }

    @Override
    public java.util.List<io.kustos.history.HistoryRecord.Rewrite> rewrites(io.kustos.source.RevisionPair from,
                                                                            io.kustos.source.RevisionPair to) {
        var out = new java.util.ArrayList<io.kustos.history.HistoryRecord.Rewrite>();
        config.rewrite(from.config(), to.config()).ifPresent(f -> out.add(new io.kustos.history.HistoryRecord.Rewrite("config", f.branch(), f.oldSha(), f.newSha())));
        releases.rewrite(from.releases(), to.releases()).ifPresent(f -> out.add(new io.kustos.history.HistoryRecord.Rewrite("releases", f.branch(), f.oldSha(), f.newSha())));
        return out;
    }

    /** @param config the config repo's poll; @param releases the release repo's */
    public record Polled(PollResult config, PollResult releases) {
        public boolean changed() {
            return config.changed() || releases.changed();
        }
    }
}
