package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

class Fabric8ClientsWorkTest {

    static EmbeddedCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestClusters.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void theWrittenKubeconfigWorksForFabric8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.yaml");
        cluster.writeKubeconfig(file);
        Config config = Config.fromKubeconfig(Files.readString(file));
        assertEquals("kustos-embedded", config.getCurrentContext().getName());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertTrue(client.namespaces().list().getItems().stream()
                    .anyMatch(ns -> ns.getMetadata().getName().equals("kube-system")));
            assertEquals("1", client.getKubernetesVersion().getMajor());
            assertEquals("20", client.getKubernetesVersion().getMinor());
        }
    }

    @Test
    void anInformerSeesAddsUpdatesAndDeletes() {
        KubernetesClient client = cluster.client();
        Set<String> events = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        events.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        events.add("update " + newObj.getData().get("a"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean unknown) {
                        events.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("watched").withNamespace("default")
                    .endMetadata().withData(Map.of("a", "1")).build()).fieldManager("kustos").serverSideApply();
            TestClusters.await("add", () -> events.contains("add watched"));
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("watched").withNamespace("default")
                    .endMetadata().withData(Map.of("a", "2")).build()).fieldManager("kustos").serverSideApply();
            TestClusters.await("update", () -> events.contains("update 2"));
            client.configMaps().withName("watched").delete();
            TestClusters.await("delete", () -> events.contains("delete watched"));
        } finally {
            informer.close();
        }
    }

    @Test
    void discoveryListsTheServedGroups() {
        KubernetesClient client = cluster.client();
        assertTrue(client.supports("apps/v1", "Deployment"));
        assertTrue(client.supports("batch/v1", "Job"));
        assertTrue(client.supports("coordination.k8s.io/v1", "Lease"));
        var core = client.getApiResources("v1");
        assertTrue(core.getResources().stream().anyMatch(r -> r.getName().equals("configmaps")
                && r.getShortNames().contains("cm") && r.getNamespaced() && r.getKind().equals("ConfigMap")));
    }

    /**
     * fabric8 7.8's mock server ended a watch stream on its event loop by waiting (up to a minute) for the stream's
     * sending thread, whose queued events waited for that same event loop: a client closing a watch while events were
     * queued for it stopped the embedded cluster for a minute (found by the bench after the rollout wait began to watch).
     */
    @Test
    void watchesClosedWithEventsQueuedLeaveTheServerAnswering() {
        Config quick = new ConfigBuilder(cluster.client().getConfiguration()).withRequestTimeout(5_000).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(quick).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("closing")
                    .endMetadata().build()).create();
            for (int round = 0; round < 5; round++) {
                var watch = client.configMaps().inNamespace("closing").watch(new Watcher<ConfigMap>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
                // written in process, faster than the events go out: many are still queued for the watch when it closes
                ConfigMap[] burst = new ConfigMap[1_000];
                for (int i = 0; i < burst.length; i++) {
                    burst[i] = new ConfigMapBuilder().withNewMetadata().withName("r" + round + "-" + i).withNamespace("closing")
                            .endMetadata().addToData("round", String.valueOf(round)).build();
                }
                cluster.seed(burst);
                watch.close();
                // every later request is answered (before the fix: a 5 s timeout, the event loop blocked for a minute)
                assertEquals(String.valueOf(round), client.configMaps().inNamespace("closing").withName("r" + round + "-999").get().getData().get("round"));
            }
        }
    }

    /** The stream leaves the dispatcher's list at once and its own end runs elsewhere, however long that takes. */
    @Test
    void aStreamsEndRunsOffTheCallersThread() throws Exception {
        CountDownLatch slowEnd = new CountDownLatch(1);
        List<String> endedOn = new CopyOnWriteArrayList<>();
        WebSocketListener stream = new WebSocketListener() {
            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                endedOn.add(Thread.currentThread().getName());
                try {
                    slowEnd.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable error, Response response) {
                endedOn.add(Thread.currentThread().getName());
            }
        };
        Set<Object> streams = new HashSet<>(Set.of(stream));
        var ender = Executors.newSingleThreadExecutor(r -> new Thread(r, "ender"));
        try {
            AtomicInteger returned = new AtomicInteger();
            Thread eventLoop = new Thread(() -> {
                new WatchEndsOffTheEventLoop(stream, streams, ender).onClosed(null, 1000, "done");
                returned.incrementAndGet();
            }, "event-loop");
            eventLoop.start();
            await().until(() -> returned.get() == 1); // returned while the stream's end still waits
            assertEquals(Set.of(), streams, "no event is queued for an ended stream");
            await().until(() -> endedOn.equals(List.of("ender")));
            slowEnd.countDown();
            new WatchEndsOffTheEventLoop(stream, streams, ender).onFailure(null, new RuntimeException("reset"), null);
            await().until(() -> endedOn.equals(List.of("ender", "ender")));
        } finally {
            slowEnd.countDown();
            ender.shutdownNow();
        }
    }
}
