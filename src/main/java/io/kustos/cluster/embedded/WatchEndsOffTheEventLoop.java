package io.kustos.cluster.embedded;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A watch stream of fabric8's CRUD dispatcher whose end is handled off the server's event loop. fabric8 7.8's
 * {@code WatchEventsListener.onClosed} (and {@code onFailure}) waits up to a minute for its sending thread to finish,
 * on the event loop; that thread's queued sends wait for the same event loop to write them. A client closing a watch
 * while events were still queued for it (the rollout wait closes its watch as soon as the workloads are out) so stopped
 * the whole server for a minute, every request on that loop timing out. Here the stream leaves the dispatcher's list at
 * once (no event is queued for it after its end) and its own ending runs on {@code ender}.
 */
final class WatchEndsOffTheEventLoop extends WebSocketListener {
    private final WebSocketListener stream;
    private final Set<?> streams;
    private final Executor ender;

    /** @param streams the dispatcher's live watch streams, which {@code stream} is one of */
    WatchEndsOffTheEventLoop(WebSocketListener stream, Set<?> streams, Executor ender) {
        this.stream = stream;
        this.streams = streams;
        this.ender = ender;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        stream.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        stream.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        stream.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        stream.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        stream.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        streams.remove(stream);
        ender.execute(() -> stream.onClosed(webSocket, code, reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        streams.remove(stream);
        ender.execute(() -> stream.onFailure(webSocket, error, response));
    }
}
