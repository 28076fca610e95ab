package io.kustos.cluster;

import com.sun.net.httpserver.HttpServer;
import io.kustos.config.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 1: when {@link ClusterClients#close()} returns, the HTTP client's event loops have
 * left their selector. Before, fabric8 closed them without waiting, so a short command's
 * {@code System.exit} found their threads in {@code epoll_wait}, and HotSpot waits up to 300 ms
 * for threads in native code before the process ends (every {@code kustos apply} and {@code diff}).
 */
class ClosingTheClientsEndsTheirEventLoopsTest {
    @TempDir
    Path tmp;

    @Test
    void noEventLoopOfTheClientsIsInItsSelectorOnceCloseReturns() throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMapList\",\"metadata\":{},\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            Path kubeconfig = tmp.resolve("kubeconfig");
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"http://127.0.0.1:"
                    + api.getAddress().getPort() + "\"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\n"
                    + "current-context: c\n");
            List<Thread> loops;
            var clients = new ClusterClients(kubeconfig, null);
            try {
                assertTrue(clients.forTarget(new Target("staging", "staging", List.of(), null, null, false))
                        .configMaps().inNamespace("staging").list().getItems().isEmpty());
                // only this ClusterClients' loops: a client another test left open in this JVM may start one lazily meanwhile
                String ours = clients.eventLoops().threadNamePrefix() + "vert.x-eventloop";
                loops = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(ours))
                        .collect(Collectors.toList());
                assertFalse(loops.isEmpty(), "the request ran on an event loop");
            } finally {
                clients.close();
            }
            List<String> inTheirLoop = loops.stream().filter(ClosingTheClientsEndsTheirEventLoopsTest::inItsLoop)
                    .map(t -> t.getName() + " " + Arrays.toString(t.getStackTrace())).collect(Collectors.toList());
            assertEquals(List.of(), inTheirLoop, "event loops still running when close() returned");
            await().atMost(Duration.ofSeconds(10)).until(() -> loops.stream().noneMatch(Thread::isAlive));
        } finally {
            api.stop(0);
        }
    }

    /** In Netty's loop (selecting or running tasks), not past it. */
    private static boolean inItsLoop(Thread thread) {
        return thread.isAlive() && Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("EventLoop") && f.getMethodName().equals("run"));
    }
}
