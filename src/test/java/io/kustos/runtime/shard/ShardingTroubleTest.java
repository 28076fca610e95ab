package io.kustos.runtime.shard;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApplyException;
import io.kustos.failure.FailureReason;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** A sharded replica that cannot use its Leases says why, naming the field and the fix, once and then at a doubling pause. */
class ShardingTroubleTest {
    private static final Instant T0 = Instant.parse("2026-12-05T16:00:00Z");
    private final ShardingTrouble trouble = new ShardingTrouble("t9-sys", Duration.ofSeconds(30));

    @Test
    void forbiddenNamesTheNamespaceTheFieldAndTheRbacToApplyOnceThenAtABackoff() throws Exception {
        var forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("leases.coordination.k8s.io is forbidden: User \"system:serviceaccount:t9-sys:t9-kustos\" cannot list resource \"leases\"")
                .build());
        URL server = new URL("https://127.0.0.1:16443/");
        String first = trouble.failed(forbidden, server, T0);
        assertNotNull(first);
        assertTrue(first.contains("forbidden to read or write the Leases in namespace t9-sys (sharding.namespace)"), first);
        assertTrue(first.contains("deploy/sharding/rbac.yaml"), first);
        assertTrue(first.contains("correct sharding.namespace"), "a mistyped namespace is forbidden too, under a service account: " + first);
        assertTrue(first.contains("cannot list resource \"leases\""), first);
        assertNull(trouble.failed(forbidden, server, T0.plusSeconds(2)), "said again at the next retry");
        assertNull(trouble.failed(forbidden, server, T0.plusSeconds(29)), "said again before the pause");
        assertNotNull(trouble.failed(forbidden, server, T0.plusSeconds(30)));
        assertNull(trouble.failed(forbidden, server, T0.plusSeconds(80)), "the pause doubles");
        assertNotNull(trouble.failed(forbidden, server, T0.plusSeconds(90)));
        assertNotNull(trouble.message(), "no trouble while it lasts (readiness)");
        assertEquals(trouble.message(), trouble.cleared());
        assertNull(trouble.message());
        assertNotNull(trouble.failed(forbidden, server, T0.plusSeconds(92)), "a trouble that comes back is said at once");
    }

    @Test
    void aMissingNamespaceNamesTheField() throws Exception {
        var missing = new ApplyException("member a: the write lock Lease kustos-sytem/kustos-member-a: take failed, not found: "
                + "namespaces \"kustos-sytem\" not found", FailureReason.REFUSED_NOT_FOUND);
        String said = new ShardingTrouble("kustos-sytem", Duration.ofSeconds(30)).failed(missing, new URL("https://127.0.0.1:16443/"), T0);
        assertTrue(said.startsWith("sharding: the namespace kustos-sytem (sharding.namespace) does not exist: create it, or set sharding.namespace"),
                said);
    }
}
