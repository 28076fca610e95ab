package io.kustos.diff;

import io.kustos.render.ObjectKey;

import java.util.SortedMap;

/**
 * A Deployment, StatefulSet or DaemonSet as the cluster has it.
 *
 * @param images      container name to image, of the pod template
 * @param annotations the workload's own annotations
 */
public record LiveWorkload(ObjectKey key, SortedMap<String, String> images, SortedMap<String, String> annotations) {
}
