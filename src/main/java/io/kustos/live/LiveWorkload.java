package io.kustos.live;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;

import java.util.SortedMap;

/**
 * A Deployment, StatefulSet or DaemonSet as the cluster has it.
 *
 * @param images      container name to image, of the pod template
 * @param annotations the workload's own annotations
 * @param template    its pod template (what config it references, what a hook Job is built from)
 */
public record LiveWorkload(ObjectKey key, SortedMap<String, String> images, SortedMap<String, String> annotations,
                           PodTemplateSpec template) {

    /** The {@code kustos.io/config-hash} on the pod template, or null. */
    public String configHash() {
        if (template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null) {
            return null;
        }
        return template.getMetadata().getAnnotations().get(Labels.CONFIG_HASH);
    }
}
