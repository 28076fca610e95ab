package io.kustos.plan;

import io.kustos.diff.WorkloadChange;
import io.kustos.render.Credit;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;

/**
 * Server-side apply of a workload's container images.
 *
 * @param restoresDrift true when it puts back a hand edit: the workload keeps the credit Kustos last wrote
 */
public record UpdateWorkload(WorkloadChange change, boolean restoresDrift) implements PlanStep {
    public UpdateWorkload(WorkloadChange change) {
        this(change, false);
    }

    @Override
    public ObjectKey key() {
        return change.key();
    }

    /** The revision and author the workload is written with, for a plan of {@code head}. */
    public Credit credit(SourceRevisions head) {
        return restoresDrift ? change.keptCredit(head) : Credit.ofReleases(head);
    }
}
