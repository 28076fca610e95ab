package io.kustos.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the API server itself needs, with no tool in the way: the same rendered objects sent by the
 * benchmark's own client as server-side applies, 16 at a time, first all as dry runs, then all as
 * writes, into fresh namespaces. The sum is the floor under any tool that dry-runs every object
 * before writing it, as Kustos does; kubectl's writes alone are bounded by the second number.
 */
final class ServerFloorScenario {
    static final String SCENARIO = "server floor (no tool, 16 in flight)";
    private static final int IN_FLIGHT = 16;

    private final BenchWorkspace ws;
    private final BenchCluster cluster;
    private final Results results;

    ServerFloorScenario(BenchWorkspace ws, BenchCluster cluster, Results results) {
        this.ws = ws;
        this.cluster = cluster;
        this.results = results;
    }

    void run(int run) {
        String prefix = ws.id + "-floor" + run;
        for (String env : ws.shape.environmentNames()) {
            String ns = BenchWorkspace.namespace(prefix, env);
            cluster.createNamespace(ns);
            cluster.createDeployments(ws.synthetic.deployments(ns));
        }
        List<GenericKubernetesResource> objects = parse(RenderedManifests.yaml(ws.kustosYaml(prefix, "10s", 0), cluster.kubeconfig()));
        results.add(cluster.name(), SCENARIO, "dry runs", "s", send(objects, true));
        results.add(cluster.name(), SCENARIO, "writes", "s", send(objects, false));
        cluster.awaitControllerIdle(ws.namespaces(prefix));
    }

    private double send(List<GenericKubernetesResource> objects, boolean dryRun) {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            long t = System.nanoTime();
            var sent = new ArrayList<Future<?>>();
            for (var o : objects) {
                sent.add(pool.submit(() -> {
                    var r = cluster.admin().resource(o);
                    return (dryRun ? r.dryRun() : r).fieldManager("kustos-bench-floor").forceConflicts().serverSideApply();
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            return (System.nanoTime() - t) / 1e9;
        } catch (Exception e) {
            throw new IllegalStateException("the server refused an object of the floor measurement: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<GenericKubernetesResource> parse(byte[] yaml) {
        try (MappingIterator<GenericKubernetesResource> docs = new YAMLMapper().readerFor(GenericKubernetesResource.class).readValues(yaml)) {
            return docs.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
