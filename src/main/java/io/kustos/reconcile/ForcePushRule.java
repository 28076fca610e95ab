package io.kustos.reconcile;

import io.kustos.history.HistoryRecord;
import io.kustos.source.Lineage;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the heads read rewrote an environment's last good revision away, judged against what
 * the cluster recorded (its history's last good revision), so that a new cache dir, which saw no
 * earlier head, still sees the force push. Per source: the last good commit on the same branch
 * that the head does not descend from ({@link Lineage#rewritten()}) is a force push; another
 * branch (kustos.yaml now follows another) or the same commit is not, and neither is a last good
 * commit still on the branch but newer than the head read (another writer read the branch later).
 * A force push on a source that does not allow it is refused; one it allows is followed and
 * recorded. Pure, apart from asking {@code lineages}.
 */
final class ForcePushRule {
    /** Where a source's earlier commit stands to its head ({@link io.kustos.source.GitSource#lineage}). */
    @FunctionalInterface
    interface Lineages {
        Lineage of(String source, Revision from, Revision to);
    }

    /** One source's force push since the last good revision, and how it stands to the head. */
    record Found(HistoryRecord.Rewrite rewrite, Lineage lineage, boolean allowed) {
    }

    /**
     * @param followed the force pushes the sources allow (recorded with the revision)
     * @param refused  the first one a source does not allow, or null: the revision is refused
     */
    record Verdict(List<HistoryRecord.Rewrite> followed, Found refused) {
        static final Verdict NONE = new Verdict(List.of(), null);
    }

    private ForcePushRule() {
    }

    /**
     * @param lastGood the environment's last good revision (null: none yet, nothing to judge)
     * @param current  the heads read
     * @param allowed  per source name ({@code config}, {@code releases}): {@code allowForcePush}
     */
    static Verdict judge(RevisionPair lastGood, RevisionPair current, Lineages lineages, java.util.function.Predicate<String> allowed) {
        if (lastGood == null) {
            return Verdict.NONE;
        }
        var found = new ArrayList<Found>();
        judge("config", lastGood.config(), current.config(), lineages, allowed).ifPresent(found::add);
        judge("releases", lastGood.releases(), current.releases(), lineages, allowed).ifPresent(found::add);
        return new Verdict(found.stream().filter(Found::allowed).map(Found::rewrite).toList(),
                found.stream().filter(f -> !f.allowed()).findFirst().orElse(null));
    }

    private static java.util.Optional<Found> judge(String source, Revision from, Revision to, Lineages lineages,
                                                   java.util.function.Predicate<String> allowed) {
        if (!from.branch().equals(to.branch()) || from.sha().equals(to.sha())) {
            return java.util.Optional.empty();
        }
        Lineage lineage = lineages.of(source, from, to);
        return lineage.rewritten()
                ? java.util.Optional.of(new Found(new HistoryRecord.Rewrite(source, to.branch(), from.sha(), to.sha()), lineage,
                        allowed.test(source)))
                : java.util.Optional.empty();
    }
}
