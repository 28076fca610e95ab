package io.kustos.runtime.shard;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.text.ControlCharacters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * A request to reconcile now, recorded in the cluster so that it reaches the replicas that own the
 * environments, whichever replica received it (a webhook to a non-owner): the annotation
 * {@code kustos.io/requested-at} (as Flux's {@code reconcile.fluxcd.io/requestedAt}) on the Lease
 * {@code kustos-reconcile-request} in the sharding namespace, with {@code kustos.io/requested-by}.
 * {@link Shards} reads it with the Leases it lists every retryPeriod and polls when it changed.
 * The Lease is never held: it only carries the annotations. {@link #previews} records a request to preview on
 * {@code kustos-preview-request} the same way: the replica that holds {@code kustos-previews} re-lists the open
 * pull requests when it changed (a pull request webhook to a replica that does not preview).
 */
public final class ReconcileRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileRequests.class);
    public static final String LEASE = "kustos-reconcile-request";
    public static final String PREVIEW_LEASE = "kustos-preview-request";
    public static final String REQUESTED_AT = "kustos.io/requested-at";
    public static final String REQUESTED_BY = "kustos.io/requested-by";

    private final KubernetesClient client;
    private final String namespace;
    private final String requester;
    private final Clock clock;
    private final String lease;

    public ReconcileRequests(KubernetesClient client, String namespace, String requester, Clock clock) {
        this(client, namespace, requester, clock, LEASE);
    }

    private ReconcileRequests(KubernetesClient client, String namespace, String requester, Clock clock, String lease) {
        this.lease = lease;
        this.client = client;
        this.namespace = namespace;
        this.requester = requester;
        this.clock = clock;
    }

    /** Requests to preview, on the Lease {@link #PREVIEW_LEASE}. */
    public static ReconcileRequests previews(KubernetesClient client, String namespace, String requester, Clock clock) {
        return new ReconcileRequests(client, namespace, requester, clock, PREVIEW_LEASE);
    }

    /**
     * Records a request now. @return the time recorded
     *
     * @throws KubernetesClientException when the API server refuses it or cannot be reached
     */
    public String request() {
        String at = clock.instant().toString();
        var resource = client.leases().inNamespace(namespace).withName(lease);
        Map<String, String> notes = Map.of(REQUESTED_AT, at, REQUESTED_BY, requester);
        // one request when the Lease exists (every request but the first): a merge patch of the two annotations
        Lease patch = new LeaseBuilder().withNewMetadata().withAnnotations(notes).endMetadata().build();
        try {
            resource.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            try {
                resource.create(new LeaseBuilder().withNewMetadata().withName(lease).withNamespace(namespace)
                        .addToLabels("app.kubernetes.io/managed-by", "kustos").withAnnotations(notes).endMetadata().withNewSpec().endSpec()
                        .build());
            } catch (KubernetesClientException raced) {
                if (raced.getCode() != 409) {
                    throw raced;
                }
                // another replica created it meanwhile
                resource.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch);
            }
        }
        LOG.debug("recorded a request at {} on {} as \"{}\"", at, lease, ControlCharacters.escape(requester));
        return at;
    }

    /**
     * The replicas that would hear a request: the holders of the member Leases {@code kustos-member-*} renewed within
     * twice their duration of this clock's now (a command on another host: its clock, with a margin for the offset).
     *
     * @throws KubernetesClientException when the API server refuses the list or cannot be reached
     */
    public java.util.List<String> listeners() {
        java.time.Instant now = clock.instant();
        return client.leases().inNamespace(namespace).list().getItems().stream()
                .filter(l -> l.getMetadata().getName().startsWith(Shards.MEMBER_PREFIX))
                .map(io.kustos.cluster.LeaseState::of)
                .filter(state -> state.holder() != null && state.renewed() != null
                        && now.isBefore(state.renewed().plus(state.duration().multipliedBy(2))))
                .map(io.kustos.cluster.LeaseState::holder).sorted().toList();
    }

    /** The request {@code lease} records: when, and by whom; null when it is not the request Lease or has none. */
    static Request of(Lease lease) {
        return of(lease, LEASE);
    }

    /** The request the Lease {@code name} records, if {@code lease} is it. */
    static Request of(Lease lease, String name) {
        if (!name.equals(lease.getMetadata().getName()) || lease.getMetadata().getAnnotations() == null) {
            return null;
        }
        String at = lease.getMetadata().getAnnotations().get(REQUESTED_AT);
        return at == null ? null : new Request(at, lease.getMetadata().getAnnotations().get(REQUESTED_BY));
    }

    /** One recorded request. */
    record Request(String at, String by) {
    }
}
