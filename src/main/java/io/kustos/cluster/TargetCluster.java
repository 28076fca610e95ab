package io.kustos.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One API server as the targets reach it: the one fabric8 client that every target naming the
 * same server with the same credentials shares (its connections, and the watches made through
 * it), what messages call it, and whether it answers.
 *
 * @param name    for messages: the context (the first target's that named this cluster) and the server, e.g.
 *                {@code context "east" (API server https://10.0.0.1:6443/)}
 * @param client  the shared client
 * @param answers whether the server answers its requests
 */
public record TargetCluster(String name, KubernetesClient client, ApiServerAnswers answers) {
    @Override
    public String toString() {
        return name;
    }
}
