package io.kustos.render;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A workload of the release manifest: which image each of its containers runs.
 *
 * @param key    apps/v1 Deployment, StatefulSet or DaemonSet
 * @param images container name to image reference
 * @param file   the release manifest it came from
 */
public record DesiredWorkload(ObjectKey key, SortedMap<String, String> images, String file) {
    public DesiredWorkload {
        images = Collections.unmodifiableSortedMap(new TreeMap<>(images));
    }
}
