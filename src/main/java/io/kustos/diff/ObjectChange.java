package io.kustos.diff;

import io.kustos.render.ObjectKey;

/** One object whose live state differs from git. */
public sealed interface ObjectChange permits ConfigChange, WorkloadChange {
    ObjectKey key();
}
