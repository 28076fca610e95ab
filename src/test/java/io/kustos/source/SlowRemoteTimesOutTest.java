package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.DaemonHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote that answers, but never finishes (here: an HTTP server that sends its headers a byte
 * every 100 ms, so no read ever times out), cannot hang a poll: it fails after the source's
 * timeout with a "try again" error naming the source and the setting.
 */
class SlowRemoteTimesOutTest {
    @TempDir
    Path tmp;
    ServerSocket server;
    ScheduledExecutorService drip;
    final List<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTricklingServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        drip = Executors.newScheduledThreadPool(2);
        drip.execute(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                drip.scheduleAtFixedRate(() -> {
                    try {
                        out.write('X');
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e); // ends this drip
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        drip.shutdownNow();
    }

    @Test
    void aPollThatDoesNotFinishTimesOut() {
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/config.git";
        var source = new GitSource("config", new SourceSpec(url, "main", null), tmp.resolve("cache"), Duration.ofSeconds(2));

        var e = assertThrows(SourceException.class, source::poll);

        assertEquals("source 'config' (" + url + "): poll timed out after 2s (sources.config.timeout); the remote or the"
                + " network is too slow, or does not answer", e.getMessage());
        assertEquals(5, io.kustos.cli.ExitCodes.of(e));
    }

    @Test
    void whileATimedOutPollStillRunsTheNextIsRefusedThenPollsRunAgain() throws IOException {
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/config.git";
        var source = new GitSource("config", new SourceSpec(url, "main", null), tmp.resolve("cache"), Duration.ofSeconds(2));
        assertThrows(SourceException.class, source::poll);

        var busy = assertThrows(SourceException.class, source::poll);
        assertTrue(busy.getMessage().contains("poll not started: the previous git operation, which timed out, still runs"),
                busy.getMessage());

        stop(); // the connection breaks: the stuck poll ends, and the next one runs (and finds nobody)
        DaemonHttp.await(Duration.ofSeconds(30), "a poll that reaches the (closed) remote again", () -> {
            try {
                source.poll();
                return false;
            } catch (SourceException next) {
                return next.getMessage().contains("fetch failed"); // the poll's fetch, with no ls-remote before it
            }
        });
    }
}
