package io.kustos.diff;

import io.kustos.failure.FailureReason;
import io.kustos.live.LiveConfig;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.Map;

/**
 * An object in the cluster labelled for another environment is that environment's: through
 * {@code allowedNamespaces} two environments could otherwise both write it, and each apply would
 * take its owner label and values back from the other.
 */
final class ForeignEnvironmentRule {
    private ForeignEnvironmentRule() {
    }

    /** @throws DiffException ({@link FailureReason#INVALID_INPUT}) naming each such object, its environment and this one */
    static void check(DesiredState desired, Map<ObjectKey, LiveConfig> live) {
        var problems = new ArrayList<String>();
        for (DesiredConfig d : desired.configs()) {
            LiveConfig l = live.get(d.key());
            String owner = l == null ? null : l.labels().get(Labels.ENVIRONMENT);
            if (owner != null && !owner.equals(desired.environment())) {
                problems.add(d.file() + ": " + d.key().kind() + " " + d.key().namespace() + "/" + d.key().name()
                        + " belongs to environment " + owner + " (its label " + Labels.ENVIRONMENT + "=" + owner + "), not to "
                        + desired.environment() + "; refusing to write it from " + desired.environment()
                        + ", or the two environments would take it from each other on every apply."
                        + " Give it another name (or namespace) in " + desired.environment() + ", or remove it from one of the two"
                        + " (to move it, remove it from " + owner + " and delete it or its label first)");
            }
        }
        if (!problems.isEmpty()) {
            throw new DiffException(String.join("\n", problems), FailureReason.INVALID_INPUT);
        }
    }
}
