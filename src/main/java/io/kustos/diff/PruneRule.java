package io.kustos.diff;

import io.kustos.failure.FailureReason;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.render.DesiredState;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * Which live objects a reconcile deletes (sync.prune): only ConfigMaps and Secrets carrying both
 * Kustos labels of the environment that git no longer has, never anything else. The prune guard:
 * when git renders none for the environment, pruning them all is refused (a broken checkout?)
 * unless sync.allowPruneAll. Pure.
 */
final class PruneRule {
    private final boolean prune;
    private final boolean allowPruneAll;

    /**
     * @param prune         objects labelled as Kustos's for the environment that git no longer has are removals
     * @param allowPruneAll allow pruning every such object when git renders none for the environment
     */
    PruneRule(boolean prune, boolean allowPruneAll) {
        this.prune = prune;
        this.allowPruneAll = allowPruneAll;
    }

    /** @return the objects to delete, by key; @throws DiffException ({@link FailureReason#PRUNE_GUARD}) when the guard refuses */
    List<LiveConfig> prunes(DesiredState desired, LiveState live) {
        if (!prune) {
            return List.of();
        }
        var wanted = new HashSet<ObjectKey>();
        desired.configs().forEach(c -> wanted.add(c.key()));
        var out = live.configs().values().stream()
                .filter(l -> Labels.MANAGED_BY_VALUE.equals(l.labels().get(Labels.MANAGED_BY))
                        && desired.environment().equals(l.labels().get(Labels.ENVIRONMENT))
                        && !wanted.contains(l.key()))
                .sorted(Comparator.comparing(LiveConfig::key)).toList();
        if (!out.isEmpty() && desired.configs().isEmpty() && !allowPruneAll) {
            throw new DiffException(desired.environment() + ": git renders no ConfigMap or Secret for this environment, so every object it has "
                    + "would be pruned (" + io.kustos.text.Plural.of(out.size(), "object") + "); refusing (a broken checkout?). Set sync.allowPruneAll: true to allow it.",
                    FailureReason.PRUNE_GUARD);
        }
        return out;
    }
}
