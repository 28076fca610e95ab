package io.kustos.runtime.shard;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;

/**
 * Why this replica cannot take part in sharding now (its last look at the Leases failed), said in
 * words that name the namespace, the field and what to do: forbidden (RBAC without the Leases),
 * no such namespace, or the API server unreachable. The same trouble is logged once, then again
 * only after a doubling pause (up to {@link #MAX_PAUSE}), not at every retry.
 */
final class ShardingTrouble {
    static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final String namespace;
    private final Duration firstPause;
    private String kind;
    private String message;
    private Instant nextLog;
    private Duration pause;

    ShardingTrouble(String namespace, Duration firstPause) {
        this.namespace = namespace;
        this.firstPause = firstPause;
    }

    /** The trouble now, null when the last look succeeded. */
    synchronized String message() {
        return message;
    }

    /** The last look failed with {@code e}: @return what to log now, null when the same was logged lately. */
    synchronized String failed(RuntimeException e, URL server, Instant now) {
        String newKind = kindOf(e);
        message = describe(newKind, e, server);
        if (!newKind.equals(kind)) {
            kind = newKind;
            pause = firstPause;
        } else if (now.isBefore(nextLog)) {
            return null;
        } else {
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        nextLog = now.plus(pause);
        return message + " (said again in " + pause.toSeconds() + "s if it lasts)";
    }

    /** The look succeeded: @return the trouble that just ended, null when there was none. */
    synchronized String cleared() {
        String was = message;
        kind = null;
        message = null;
        return was;
    }

    private static String kindOf(RuntimeException e) {
        int code = e instanceof KubernetesClientException k ? k.getCode() : -1;
        FailureReason reason = e instanceof KustosException k ? k.reason() : null;
        if (code == 401 || code == 403 || reason == FailureReason.REFUSED_FORBIDDEN) {
            return "forbidden";
        }
        if ((code == 404 || reason == FailureReason.REFUSED_NOT_FOUND) && String.valueOf(e.getMessage()).contains("namespaces \"")) {
            return "no-namespace";
        }
        return "other";
    }

    private String describe(String kind, RuntimeException e, URL server) {
        String detail = e instanceof KubernetesClientException k ? ApiErrors.serverMessage(k, server) : e.getMessage();
        return switch (kind) {
            case "forbidden" -> "sharding: forbidden to read or write the Leases in namespace " + namespace + " (sharding.namespace): " + detail
                    + ". Grant this replica's account get, list, create, update, patch and delete on leases (coordination.k8s.io) in "
                    + namespace + ": apply deploy/sharding/rbac.yaml, or install the Helm chart with sharding enabled; or, if "
                    + namespace + " is not the namespace the chart made for the Leases, correct sharding.namespace";
            case "no-namespace" -> "sharding: the namespace " + namespace + " (sharding.namespace) does not exist: create it, or set "
                    + "sharding.namespace to the namespace the other replicas use (" + detail + ")";
            default -> "sharding: could not read or write the Leases in namespace " + namespace + ": " + detail;
        };
    }
}
