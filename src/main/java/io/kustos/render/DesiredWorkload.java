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
 * @param path   its key path in that manifest, e.g. {@code workloads[2]}
 */
public record DesiredWorkload(ObjectKey key, SortedMap<String, String> images, String file, String path) {
    public DesiredWorkload {
        images = Collections.unmodifiableSortedMap(new TreeMap<>(images));
    }

    /** A workload whose place in the manifest is not known (tests, benchmarks): {@code workloads}. */
    public DesiredWorkload(ObjectKey key, SortedMap<String, String> images, String file) {
        this(key, images, file, "workloads");
    }

    /** Where it is declared, for messages about it: {@code releases:environments/staging/release.yaml: workloads[2]}. */
    public String origin() {
        return file + ": " + path;
    }

    /** The key path of one container's image, e.g. {@code workloads[2].containers.api}. */
    public String containerPath(String container) {
        return path + ".containers." + container;
    }
}
