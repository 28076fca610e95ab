package io.kustos.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.OptionalLong;

/** A Kubernetes API server for an integration test: the embedded one or the real one. */
public interface TestCluster extends AutoCloseable {
    /** {@code embedded} or {@code realkube}. */
    String name();

    /** A kubeconfig with rights to everything, for Kustos and kubectl. */
    Path kubeconfig();

    /** An admin client for setting up and checking. */
    KubernetesClient client();

    void createNamespace(String name);

    /** Writes the server has seen since the last {@link #resetCounts()}, where the server can count them. */
    OptionalLong serverWrites();

    /** Writes the server counted other than Kustos's own bookkeeping (the kustos-history ConfigMap, Events, the write lock); empty where not counted. */
    OptionalLong serverWritesBesidesHistory();

    /**
     * Requests the server has seen since the last {@link #resetCounts()} whose method and path (as {@code GET /api/v1/…}, no
     * query) {@code request} accepts, where the server can count them; empty where not counted.
     */
    default OptionalLong serverRequests(java.util.function.Predicate<String> request) {
        return OptionalLong.empty();
    }

    /** As {@link #serverRequests}, only the watches ({@code ?watch=true}). */
    default OptionalLong serverWatches(java.util.function.Predicate<String> request) {
        return OptionalLong.empty();
    }

    void resetCounts();

    @Override
    void close();
}
