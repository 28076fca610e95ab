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
                    String at = new ReconcileRequests(home, namespace, LockHolder.command("reconcile"), Clock.systemUTC()).request();
                    System.out.println("reconcile requested at " + at + " (Lease " + namespace + "/" + ReconcileRequests.LEASE
                            + "): the replicas poll within " + io.kustos.config.Durations.format(sharding.retryPeriod()));
                    return ExitCodes.OK;
                } catch (KubernetesClientException e) {
                    throw ApiErrors.classify(e, home.getMasterUrl(), "the Lease " + namespace + "/" + ReconcileRequests.LEASE, "annotate",
                            java.util.function.UnaryOperator.identity());
                }
            }
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
