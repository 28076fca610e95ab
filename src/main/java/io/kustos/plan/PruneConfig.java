package io.kustos.plan;

import io.kustos.live.LiveConfig;
import io.kustos.render.ObjectKey;

/** Deletes a ConfigMap or Secret that Kustos applied for this environment and git no longer has. */
public record PruneConfig(LiveConfig live) implements PlanStep {
    @Override
    public ObjectKey key() {
        return live.key();
    }
}
