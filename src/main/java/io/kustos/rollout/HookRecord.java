package io.kustos.rollout;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kustos.plan.RunHook;
import io.kustos.failure.TransientException;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which pre-deploy hooks succeeded for a workload: the annotation {@code kustos.io/hooks-succeeded}
 * on the workload, the names of their Jobs (one per hook and version), newest last, the last
 * {@value #KEPT}. It outlives the Jobs, which are deleted once they succeeded, so a hook still runs
 * once per version. Written by its own field manager, so Kustos's applies of the workload keep it.
 */
final class HookRecord {
    static final String FIELD_MANAGER = "kustos-hooks";
    static final int KEPT = 20;

    private HookRecord() {
    }

    /** The Jobs that succeeded, as the workload said when the reconcile read it. */
    static List<String> of(RunHook step) {
        String value = step.workload().live().annotations().get(Labels.HOOKS_SUCCEEDED);
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    static boolean succeeded(RunHook step) {
        return of(step).contains(step.jobName());
    }

    /** Adds the step's Job to the workload's record (a server-side apply of that one annotation). */
    static void save(KubernetesClient client, RunHook step) {
        var jobs = new ArrayList<>(of(step));
        jobs.remove(step.jobName());
        jobs.add(step.jobName());
        List<String> kept = jobs.subList(Math.max(0, jobs.size() - KEPT), jobs.size());
        ObjectKey key = step.workload().key();
        Map<String, Object> body = Map.of("apiVersion", key.apiVersion(), "kind", key.kind(), "metadata", Map.of(
                "name", key.name(), "namespace", key.namespace(), "annotations", Map.of(Labels.HOOKS_SUCCEEDED, String.join(",", kept))));
        var ctx = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(FIELD_MANAGER).withForce(true).build();
        var json = client.getKubernetesSerialization();
        var apps = client.apps();
        String ns = key.namespace();
        try {
            // typed, so the client sends the body as it is (a patch by name alone would GET first)
            switch (key.kind()) {
                case "Deployment" -> apps.deployments().inNamespace(ns).resource(json.convertValue(body, Deployment.class)).patch(ctx);
                case "StatefulSet" -> apps.statefulSets().inNamespace(ns).resource(json.convertValue(body, StatefulSet.class)).patch(ctx);
                case "DaemonSet" -> apps.daemonSets().inNamespace(ns).resource(json.convertValue(body, DaemonSet.class)).patch(ctx);
                default -> throw new IllegalArgumentException(key.kind());
            }
        } catch (KubernetesClientException e) {
            throw new TransientException(key + ": cannot record that hook " + step.hook().name() + " succeeded (job " + step.jobName()
                    + "): " + e.getMessage(), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }
}
