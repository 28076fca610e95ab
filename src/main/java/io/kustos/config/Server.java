package io.kustos.config;

import java.nio.file.Path;

/**
 * The daemon's HTTP server (health, metrics, webhooks).
 *
 * @param port              default 8080
 * @param webhookSecretFile shared secret for webhook signatures
 */
public record Server(Integer port, Path webhookSecretFile) {
    public static final Server DEFAULT = new Server(null, null);

    public Server {
        port = port == null ? 8080 : port;
    }
}
