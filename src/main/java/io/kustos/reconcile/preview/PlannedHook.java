package io.kustos.reconcile.preview;

import io.kustos.render.ObjectKey;

/**
 * A pre-deploy hook a merge would run before {@code workload} changes version.
 *
 * @param origin     where it is declared: the release manifest and its key path
 * @param alreadyRan its Job already succeeded for this version, so it would not run again
 */
public record PlannedHook(String name, ObjectKey workload, String job, String origin, boolean alreadyRan) {
}
