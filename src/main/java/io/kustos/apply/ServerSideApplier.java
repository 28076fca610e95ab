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
     * Applies {@code body}, a few fields of {@code key} that a field manager of Kustos's other than {@value #FIELD_MANAGER}
     * owns (forced: e.g. the hooks' record on a workload), sent and sent again as Kustos's own applies are.
     * @param what what is written, named in its error
     */
    public void applyAs(String fieldManager, ObjectKey key, Map<String, Object> body, String what) {
        send(fieldManager, key, what, body, true, false, null);
    }

    /** @param file the repo file the object comes from, named in every error about it */
    private void send(ObjectKey key, String file, Map<String, Object> body, boolean force, boolean dryRun, DesiredConfig secretSource) {
        send(FIELD_MANAGER, key, file + ": " + key, body, force, dryRun, secretSource);
    }

    /** @param subject the object, as every error about it names it */
    private void send(String fieldManager, ObjectKey key, String subject, Map<String, Object> body, boolean force, boolean dryRun,
            DesiredConfig secretSource) {
        URL url = ApplyPatchRequest.url(client.getMasterUrl(), key, fieldManager, force, dryRun);
        String json = client.getKubernetesSerialization().asJson(body);
        boolean aWriteOfThePlan = !dryRun && fieldManager.equals(FIELD_MANAGER);
        retry.run(() -> send(subject, url, json, aWriteOfThePlan, dryRun, secretSource));
    }

    private void send(String subject, URL url, String json, boolean aWriteOfThePlan, boolean dryRun, DesiredConfig secretSource) {
        try {
            ApplyPatchRequest.send(client, url, json, scrubber(secretSource));
            if (aWriteOfThePlan) io.kustos.work.FaultPoint.WRITE_MID.reach(); // where a test stops after some objects of a phase
        } catch (KubernetesClientException e) {
            throw ApiErrors.classifyApply(e, client.getMasterUrl(), subject, dryRun ? "server-side dry run" : "apply", scrubber(secretSource));
        }
    }

    /** Removes a Secret's values from what the API server says about it (an error, a warning); made only when it says something. */
    private static UnaryOperator<String> scrubber(DesiredConfig secretSource) {
        return secretSource == null ? UnaryOperator.identity() : text -> new SecretScrubber(List.of(secretSource)).apply(text);
    }
}
