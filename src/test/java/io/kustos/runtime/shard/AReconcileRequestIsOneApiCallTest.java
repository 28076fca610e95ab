package io.kustos.runtime.shard;

import io.kustos.cluster.embedded.EmbeddedCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reconcile request recorded on a request Lease that exists (every webhook but the first) is one API call, a
 * merge patch of its two annotations (review9-shard #9: it was a GET, then fabric8's edit, a GET and a PATCH); the
 * first creates the Lease; the other annotations stay.
 */
class AReconcileRequestIsOneApiCallTest {

    @Test
    void oneMergePatchWhenTheLeaseExists() {
        try (var cluster = EmbeddedCluster.start(0); var client = cluster.newClient()) {
            cluster.createNamespace("kustos");
            var first = new ReconcileRequests(client, "kustos", "a", Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC));
            first.request();
            client.leases().inNamespace("kustos").withName(ReconcileRequests.LEASE)
                    .edit(l -> { l.getMetadata().getAnnotations().put("example.com/note", "kept"); return l; });
            long before = cluster.requests().count(e -> e.path().contains("/leases"));
            new ReconcileRequests(client, "kustos", "b", Clock.fixed(Instant.parse("2026-12-05T12:00:05Z"), ZoneOffset.UTC)).request();
            assertEquals(1, cluster.requests().count(e -> e.path().contains("/leases")) - before, "one call");
            var annotations = client.leases().inNamespace("kustos").withName(ReconcileRequests.LEASE).get().getMetadata().getAnnotations();
            assertEquals("2026-12-05T12:00:05Z", annotations.get(ReconcileRequests.REQUESTED_AT));
            assertEquals("b", annotations.get(ReconcileRequests.REQUESTED_BY));
            assertEquals("kept", annotations.get("example.com/note"));
        }
    }
}
