package io.kustos.plan;

import io.kustos.render.ObjectKey;

/** One API write of a plan. */
public sealed interface PlanStep permits ApplyConfig, RunHook, UpdateWorkload, PruneConfig {
    ObjectKey key();
}
