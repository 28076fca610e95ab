package io.kustos.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kustos.cluster.ApiErrors;
import io.kustos.plan.ApplyConfig;
import io.kustos.plan.UpdateWorkload;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;
import io.kustos.render.SecretScrubber;
import io.kustos.live.OwnedFields;
import io.kustos.render.SourceRevisions;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;

/**
 * Sends one plan step as a server-side apply: {@code PATCH} with
 * {@code application/apply-patch+yaml}, {@code fieldManager=kustos}, {@code force} as configured
 * (always for workload images, which the release manifest owns), and {@code dryRun=All} for the
 * dry run.
 */
public final class ServerSideApplier {
    public static final String FIELD_MANAGER = OwnedFields.KUSTOS;

    private final KubernetesClient client;
    private final boolean forceConfigs;

    public ServerSideApplier(KubernetesClient client, boolean forceConfigs) {
        this.client = client;
        this.forceConfigs = forceConfigs;
    }

    public void apply(ApplyConfig c, SourceRevisions rev, boolean dryRun) {
        DesiredConfig desired = c.change().desired();
        send(c.key(), desired.file(), body(c, rev), forceConfigs, dryRun, desired);
    }

    public void apply(UpdateWorkload w, SourceRevisions rev, boolean dryRun) {
        send(w.key(), w.change().desired().file(), body(w, rev), true, dryRun, null);
    }

    /** The body {@link #apply} sends for {@code c} (the benchmark hands the same objects to kubectl). */
    public static Map<String, Object> body(ApplyConfig c, SourceRevisions rev) {
        return ApplyBodies.config(c.change().desired(), c.credit(rev));
    }

    /** The body {@link #apply} sends for {@code w}. */
    public static Map<String, Object> body(UpdateWorkload w, SourceRevisions rev) {
        return ApplyBodies.workload(w.change().desired(), w.change().newHash(), w.credit(rev));
    }

    /** @param file the repo file the object comes from, named in every error about it */
    private void send(ObjectKey key, String file, Map<String, Object> body, boolean force, boolean dryRun, DesiredConfig secretSource) {
        var ctx = new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(FIELD_MANAGER)
                .withForce(force)
                .withDryRun(dryRun ? List.of("All") : null)
                .build();
        try {
            resource(key, body).patch(ctx);
            if (!dryRun) io.kustos.work.FaultPoint.WRITE_MID.reach(); // where a test stops after some objects of a phase
        } catch (KubernetesClientException e) {
            throw ApiErrors.classify(e, client.getMasterUrl(), file + ": " + key, dryRun ? "server-side dry run" : "apply", secretSource == null ? UnaryOperator.identity() : new SecretScrubber(List.of(secretSource)));
        }
    }

    /** The typed resource for the body, so the client sends it as is (a patch by name alone would GET first). */
    private Resource<? extends HasMetadata> resource(ObjectKey key, Map<String, Object> body) {
        String ns = key.namespace();
        var json = client.getKubernetesSerialization();
        return switch (key.kind()) {
            case "ConfigMap" -> client.configMaps().inNamespace(ns).resource(json.convertValue(body, ConfigMap.class));
            case "Secret" -> client.secrets().inNamespace(ns).resource(json.convertValue(body, Secret.class));
            case "Deployment" -> client.apps().deployments().inNamespace(ns).resource(json.convertValue(body, Deployment.class));
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(ns).resource(json.convertValue(body, StatefulSet.class));
            case "DaemonSet" -> client.apps().daemonSets().inNamespace(ns).resource(json.convertValue(body, DaemonSet.class));
            default -> throw new IllegalArgumentException("Kustos does not apply " + key.kind());
        };
    }
}
