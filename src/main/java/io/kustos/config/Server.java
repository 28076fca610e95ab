package io.kustos.config;

import java.nio.file.Path;

/**
 * The daemon's HTTP server (health, metrics, webhooks).
 *
 * @param port              default 8080; 0 takes a free port (tests)
 * @param webhookSecretFile shared secret for webhook signatures, read at every call; without it
 *                          every webhook call is refused (401)
 * @param host              the address to listen on; default 0.0.0.0 (every interface)
 * @param maxBodyBytes      the largest webhook body accepted (413 beyond); default 1 MiB
 */
public record Server(Integer port, Path webhookSecretFile, String host, Integer maxBodyBytes) {
    public static final Server DEFAULT = new Server(null, null, null, null);
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public Server {
        port = port == null ? 8080 : port;
        host = host == null ? "0.0.0.0" : host;
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    }

    public Server(Integer port, Path webhookSecretFile) {
        this(port, webhookSecretFile, null, null);
    }
}
