package io.kustos.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.plan.ApplyConfig;
import io.kustos.plan.UpdateWorkload;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;
import io.kustos.render.SecretScrubber;
import io.kustos.live.OwnedFields;
import io.kustos.render.SourceRevisions;

import java.net.URL;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;

/**
 * Sends one plan step as a server-side apply: {@code PATCH} with
 * {@code application/apply-patch+yaml}, {@code fieldManager=kustos}, {@code force} as configured
 * (always for workload images, which the release manifest owns), and {@code dryRun=All} for the
 * dry run. Each request is sent again while its failure may pass ({@link WriteRetry}): a server-side
 * apply is idempotent. The body is serialised once per request from Kustos's map and the answer is not parsed
 * ({@link ApplyPatchRequest}).
 */
public final class ServerSideApplier {
    public static final String FIELD_MANAGER = OwnedFields.KUSTOS;

    private final KubernetesClient client;
    private final boolean forceConfigs;
    private final WriteRetry retry;

    public ServerSideApplier(KubernetesClient client, boolean forceConfigs) {
        this(client, forceConfigs, WriteRetry.standard());
    }

    public ServerSideApplier(KubernetesClient client, boolean forceConfigs, WriteRetry retry) {
        this.client = WriteRetry.unretried(client);
        this.forceConfigs = forceConfigs;
        this.retry = retry;
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

    /**
     * Applies {@code body} (a map, or a model object) for {@code key} as Kustos's own applies are sent and sent again,
     * outside a plan's configs and workloads: a hook's Job ({@value #FIELD_MANAGER}), the hooks' record on a workload
     * (a field manager of its own, forced). A refusal is an {@link io.kustos.cluster.ApplyException}; a failure that may
     * pass is sent again, then thrown as what it is.
     * @param scrub takes the target's Secret values out of what the API server says
     * @param what  what is written, named in its error
     */
    public void applyAs(String fieldManager, ObjectKey key, Object body, boolean force, boolean dryRun, UnaryOperator<String> scrub, String what) {
        send(fieldManager, key, what, body, force, dryRun, scrub, false);
    }

    /** @param file the repo file the object comes from, named in every error about it */
    private void send(ObjectKey key, String file, Map<String, Object> body, boolean force, boolean dryRun, DesiredConfig secretSource) {
        send(FIELD_MANAGER, key, file + ": " + key, body, force, dryRun, scrubber(secretSource), !dryRun);
    }

    /**
     * @param subject   the object, as every error about it names it
     * @param planWrite a write of the plan's objects: where a test may stop the process ({@code write.mid})
     */
    private void send(String fieldManager, ObjectKey key, String subject, Object body, boolean force, boolean dryRun,
            UnaryOperator<String> scrub, boolean planWrite) {
        URL url = ApplyPatchRequest.url(client.getMasterUrl(), key, fieldManager, force, dryRun);
        String json = client.getKubernetesSerialization().asJson(body);
        retry.run(() -> send(subject, url, json, planWrite, dryRun, scrub));
    }

    private void send(String subject, URL url, String json, boolean planWrite, boolean dryRun, UnaryOperator<String> scrub) {
        try {
            ApplyPatchRequest.send(client, url, json, scrub);
            if (planWrite) io.kustos.work.FaultPoint.WRITE_MID.reach(); // where a test stops after some objects of a phase
        } catch (KubernetesClientException e) {
            throw ApiErrors.classifyApply(e, client.getMasterUrl(), subject, dryRun ? "server-side dry run" : "apply", scrub);
        }
    }

    /** Removes a Secret's values from what the API server says about it (an error, a warning); made only when it says something. */
    private static UnaryOperator<String> scrubber(DesiredConfig secretSource) {
        return secretSource == null ? UnaryOperator.identity() : text -> new SecretScrubber(List.of(secretSource)).apply(text);
    }
}
