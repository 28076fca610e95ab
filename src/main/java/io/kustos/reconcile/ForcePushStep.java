package io.kustos.reconcile;

import io.kustos.config.Sources;
import io.kustos.config.SourceSpec;
import io.kustos.source.ForcePush;
import io.kustos.source.ForcePushRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Judges the heads against the environment's last good revision as its history recorded it
 * ({@link ForcePushRule}): a force push a source does not allow ends the run refused
 * ({@link ForcePushRefusedException}, exit 3), before anything is written or recorded, and the
 * last good state stays; one it allows is followed, and the record names it. For
 * {@code kustos diff}, the refusal it would be. A write run judges once, under the write lock
 * ({@link Pipelines}): its lineage lookups may fetch.
 */
final class ForcePushStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(ForcePushStep.class);
    private final Sources sources;
    private final SnapshotLookup clones;

    /** @param clones the local clones (null: none, nothing can be judged) */
    ForcePushStep(Sources sources, SnapshotLookup clones) {
        this.sources = sources;
        this.clones = clones;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        var past = run.past != null ? run.past : run.access.store().read(run.found.history(), run.found.historyParts());
        ForcePushRule.Lineages lineages = clones == null ? (source, from, to) -> io.kustos.source.Lineage.ANCESTOR : clones::lineage;
        var verdict = ForcePushRule.judge(past.state().lastGood(), run.current(), lineages,
                source -> spec(source).allowForcePush());
        if (verdict.refused() != null) {
            var rewrite = verdict.refused().rewrite();
            return Step.stop(new TargetOutcome.Failed(run.environment(), ForcePushRefusedException.sinceLastGood(rewrite.source(),
                    spec(rewrite.source()).url(), new ForcePush(rewrite.branch(), rewrite.oldHead(), rewrite.newHead()), run.environment(),
                    verdict.refused().lineage())));
        }
        if (!verdict.followed().isEmpty()) {
            verdict.followed().forEach(f -> LOG.warn("{}: {} since its last good revision; followed it (sources.{}.allowForcePush is true)",
                    run.environment(), f.describe(), f.source()));
        }
        run.forcePushes = verdict.followed();
        return Step.next();
    }

    private SourceSpec spec(String source) {
        return "config".equals(source) ? sources.config() : sources.releases();
    }
}
