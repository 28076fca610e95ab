package io.kustos.plan;

import io.kustos.diff.ConfigChange;
import io.kustos.render.ObjectKey;

/** Server-side apply of a ConfigMap or Secret. */
public record ApplyConfig(ConfigChange change) implements PlanStep {
    @Override
    public ObjectKey key() {
        return change.key();
    }
}
