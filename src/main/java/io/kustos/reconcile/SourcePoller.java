package io.kustos.reconcile;

import io.kustos.config.KustosConfig;
import io.kustos.source.GitSource;
import io.kustos.source.PollResult;
import io.kustos.work.ContextExecutor;

/**
 * The two git sources of a configuration, polled together: the release source on a thread of its
 * own, with the caller's log context (never on the common ForkJoinPool, whose few workers JGit
 * needs for its own tasks). Previews fetch into clones of their own, under {@code <cacheDir>/previews}:
 * a poll never waits for a preview's fetch (a slow remote, a large pull request).
 */
public final class SourcePoller implements SnapshotLookup {
    private final GitSource config;
    private final GitSource releases;
    /** The clones of previews ({@link #preview}), apart from the polled ones. */
    private final GitSource previewConfig;
    private final GitSource previewReleases;
    /** One thread: the release source polls one at a time anyway. */
    private final ContextExecutor releasePoller = new ContextExecutor(1, "kustos-poll-releases");
    /** Both sources follow one repository ({@link #poll(PollScope)} then always polls both). */
    private final boolean sameRepository;
    /** What the last {@link #poll(PollScope)} read, for the source the next one may leave out; null before the first. */
    private volatile Polled lastPolled;

    public SourcePoller(KustosConfig cfg) {
        this.config = new GitSource("config", cfg.sources().config(), cfg.cacheDir());
        this.releases = new GitSource("releases", cfg.sources().releases(), cfg.cacheDir());
        this.previewConfig = new GitSource("config", cfg.sources().config(), previewsDir(cfg.cacheDir()));
        this.previewReleases = new GitSource("releases", cfg.sources().releases(), previewsDir(cfg.cacheDir()));
        this.sameRepository = cfg.sources().config().url().equals(cfg.sources().releases().url());
    }

    /** Where previews keep their clones: {@code <cacheDir>/previews}. */
    public static java.nio.file.Path previewsDir(java.nio.file.Path cacheDir) {
        return cacheDir.resolve("previews");
    }

    /** Both heads, asked for at the same time; each fetched only if it moved since the last poll. */
    public Polled poll() {
        return poll(PollScope.BOTH);
    }

    /**
     * The heads of {@code scope}'s sources, as {@link #poll()} asks for them; a source out of scope is not asked (no
     * request to its remote) and stays at the revision its last poll read, told as unchanged. Both are polled when
     * either has not been polled yet, or when both follow one repository (the same {@code url}: one push webhook
     * for both, which may have pushed to either branch).
     */
    public Polled poll(PollScope scope) {
        Polled last = lastPolled;
        Polled polled;
        if (scope.both() || last == null || sameRepository) {
            polled = pollBoth();
        } else if (scope.config()) {
            polled = new Polled(config.poll(), asBefore(last.releases()));
        } else {
            polled = new Polled(asBefore(last.config()), releases.poll());
        }
        lastPolled = polled;
        return polled;
    }

    /** The last poll's result again, with nothing changed since it. */
    private static PollResult asBefore(PollResult last) {
        return new PollResult(last.snapshot(), false, false, null);
    }

    private Polled pollBoth() {
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
     * The revisions {@code kustos preview} shows: each source's {@code ref} fetched into the preview
     * clone (the polled clone does not wait for it, its followed branch does not move), or, for a
     * null ref, the branch head as a poll finds it.
     */
    public Heads preview(io.kustos.source.PreviewRef configRef, io.kustos.source.PreviewRef releasesRef) {
        return new Heads(configRef == null ? config.poll().snapshot() : previewConfig.fetch(configRef),
                releasesRef == null ? releases.poll().snapshot() : previewReleases.fetch(releasesRef));
    }

    /**
     * Where a pull request's {@code heads} forked from: the head of its repo ({@code ofConfig}: the
     * config repo's; {@code ofReleases}: the release repo's; both for one repo that is both) at its
     * merge base with the followed branch ({@link GitSource#forkPoint}), the other repo's as it is.
     * What the pull request changes is what {@code heads} change from there.
     */
    public Heads forkPoint(Heads heads, boolean ofConfig, boolean ofReleases) {
        return new Heads(ofConfig ? previewConfig.forkPoint(heads.config()) : heads.config(),
                ofReleases ? previewReleases.forkPoint(heads.releases()) : heads.releases());
    }

    /**
     * Drops the preview refs of {@code configRef} and {@code releasesRef} (null: none) from the preview
     * clones ({@link GitSource#forget}): once a preview ended, or its pull request closed. A failure is
     * logged: the refs stay until the next forget of the same ref.
     */
    public void forget(io.kustos.source.PreviewRef configRef, io.kustos.source.PreviewRef releasesRef) {
        for (var each : java.util.List.of(java.util.Map.entry(previewConfig, java.util.Optional.ofNullable(configRef)),
                java.util.Map.entry(previewReleases, java.util.Optional.ofNullable(releasesRef)))) {
            if (each.getValue().isEmpty()) {
                continue;
            }
            try {
                each.getKey().forget(each.getValue().get());
            } catch (io.kustos.failure.KustosException e) {
                org.slf4j.LoggerFactory.getLogger(SourcePoller.class).warn("the preview refs of {} were not dropped: {}", each.getValue().get(),
                        e.getMessage());
            }
        }
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
    public io.kustos.source.Lineage lineage(String source, io.kustos.source.Revision from, io.kustos.source.Revision to) {
        return ("config".equals(source) ? config : releases).lineage(from, to);
    }

    /** @param config the config repo's poll; @param releases the release repo's */
    public record Polled(PollResult config, PollResult releases) {
        public boolean changed() {
            return config.changed() || releases.changed();
        }
    }
}
