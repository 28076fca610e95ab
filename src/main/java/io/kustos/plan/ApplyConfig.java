package io.kustos.plan;

import io.kustos.diff.ConfigChange;
import io.kustos.render.Credit;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;

/**
 * Server-side apply of a ConfigMap or Secret.
 *
 * @param restoresDrift true when it puts back a hand edit: the object keeps the credit Kustos last wrote
 */
public record ApplyConfig(ConfigChange change, boolean restoresDrift) implements PlanStep {
    public ApplyConfig(ConfigChange change) {
        this(change, false);
    }

    @Override
    public ObjectKey key() {
        return change.key();
    }

    /** The revision and author the object is written with, for a plan of {@code head}. */
    public Credit credit(SourceRevisions head) {
        return restoresDrift ? change.keptCredit(head) : Credit.ofConfig(head);
    }
}
