package io.kustos.diff;

import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;

import java.util.SortedMap;

/**
 * A workload whose images differ from the release manifest.
 *
 * @param oldImages the changed containers' current images
 */
public record WorkloadChange(DesiredWorkload desired, LiveWorkload live, SortedMap<String, String> oldImages)
        implements ObjectChange {
    @Override
    public ObjectKey key() {
        return desired.key();
    }
}
