package io.kustos.runtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.List;

/**
 * Mounts {@code POST /hooks/<provider>} (and {@code /hooks/<provider>/config}, {@code …/releases}) on the Vert.x router of Camel's platform-http server
 * ({@code server.port}). Not a Camel platform-http route: that parses an
 * {@code application/x-www-form-urlencoded} body into a map (what {@code curl -d} and GitHub's
 * form option send), and a signature is over the raw bytes. A body handler keeps them in memory
 * whatever the content type (no file uploads, so no upload folder), and enforces
 * {@code server.maxBodyBytes} (413).
 */
final class WebhookRoutes {
    private WebhookRoutes() {
    }

    /** @param port the platform-http server's port, by which Camel names its router */
    static void mount(CamelContext context, int port, List<WebhookReceiver> receivers, long maxBodyBytes) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("no HTTP server on server.port " + port + " to mount the webhooks on");
        }
        for (WebhookReceiver receiver : receivers) {
            router.post(receiver.path())
                    .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                    .handler(ctx -> handle(ctx, receiver));
        }
    }

    private static void handle(RoutingContext ctx, WebhookReceiver receiver) {
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        // reading the secret file and logging are blocking work: off the event loop
        ctx.vertx().executeBlocking(() -> receiver.receive(ctx.request()::getHeader, body), false).onComplete(done -> {
            WebhookReceiver.Answer answer = done.succeeded() ? done.result() : new WebhookReceiver.Answer(500, "internal error");
            ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(answer.text() + "\n");
        });
    }
}
