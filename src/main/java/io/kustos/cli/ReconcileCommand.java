package io.kustos.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.cluster.LockHolder;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.runtime.LeaseNamespace;
import io.kustos.runtime.shard.ReconcileRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Ask the replicas of kustos run (sharding.enabled) to poll now, as a webhook does: records kustos.io/requested-at "
                + "on the Lease kustos-reconcile-request in sharding.namespace; each replica polls for its own environments within "
                + "sharding.retryPeriod.")
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Override
    public Integer call() {
        try {
            var sharding = options.load().sharding();
            if (!sharding.enabled()) {
                throw new StallingException("kustos reconcile asks sharded replicas to poll, and sharding.enabled is off in kustos.yaml: "
                        + "send a webhook to kustos run instead (POST /hooks/...), or run kustos apply", FailureReason.INVALID_CONFIG);
            }
            String namespace = LeaseNamespace.resolve(sharding.namespace(), System.getenv(), LeaseNamespace.SERVICE_ACCOUNT_NAMESPACE);
            try (var clients = options.clients()) {
                var home = clients.home();
                try {
                    var requests = new ReconcileRequests(home, namespace, LockHolder.command("reconcile"), Clock.systemUTC());
                    if (requests.listeners().isEmpty()) {
                        throw noReplica(home, namespace);
                    }
                    String at = requests.request();
                    System.out.println("reconcile requested at " + at + " (Lease " + namespace + "/" + ReconcileRequests.LEASE
                            + "): the replicas poll within " + io.kustos.config.Durations.format(sharding.retryPeriod()));
                    return ExitCodes.OK;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 404 && String.valueOf(e.getMessage()).contains("namespaces \"")) {
                        throw noNamespace(namespace);
                    }
                    throw ApiErrors.classify(e, home.getMasterUrl(), "the Lease " + namespace + "/" + ReconcileRequests.LEASE, "annotate",
                            java.util.function.UnaryOperator.identity());
                }
            }
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** No replica would hear it: the namespace is missing (fix the input), or no replica runs there now (try again). */
    private static KustosException noReplica(io.fabric8.kubernetes.client.KubernetesClient home, String namespace) {
        boolean missing;
        try {
            missing = home.namespaces().withName(namespace).get() == null;
        } catch (KubernetesClientException e) {
            missing = false; // not allowed to read namespaces: say what the Leases say
        }
        if (missing) {
            return noNamespace(namespace);
        }
        return new io.kustos.failure.TransientException("no live replica in namespace " + namespace + " (sharding.namespace): no member Lease "
                + "kustos-member-* renewed there lately, so nobody would hear the request (nothing recorded). Start kustos run with "
                + "sharding, or set sharding.namespace to the namespace the replicas use", FailureReason.CLUSTER_UNREACHABLE, null);
    }

    private static KustosException noNamespace(String namespace) {
        return new StallingException("the namespace " + namespace + " (sharding.namespace) does not exist: set sharding.namespace to the "
                + "namespace the replicas of kustos run use", FailureReason.INVALID_CONFIG);
    }
}
