package io.kustos.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared webhook secret, read from {@code server.webhookSecretFile} at every call so that a
 * rotated Secret takes effect without a restart. Without a file (not configured, missing, empty)
 * there is no secret and every webhook call is refused; that is logged once, naming the file
 * only.
 */
final class WebhookSecret {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSecret.class);
    private static final long MAX_BYTES = 4096;

    private final Path file;
    private final AtomicBoolean warned = new AtomicBoolean();

    WebhookSecret(Path file) {
        this.file = file;
    }

    /** @return the secret (surrounding whitespace removed), or an empty array when there is none */
    byte[] read() {
        if (file == null) {
            warnOnce("server.webhookSecretFile is not set: every webhook call is refused (401)");
            return new byte[0];
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                warnOnce("webhook secret file " + file + " is missing, not a file or too large: every webhook call is refused (401)");
                return new byte[0];
            }
            byte[] secret = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            if (secret.length == 0) {
                warnOnce("webhook secret file " + file + " is empty: every webhook call is refused (401)");
            } else {
                warned.set(false);
            }
            return secret;
        } catch (IOException e) {
            warnOnce("webhook secret file " + file + " cannot be read (" + e.getClass().getSimpleName() + "): every webhook call is refused (401)");
            return new byte[0];
        }
    }

    private void warnOnce(String message) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn(message);
        }
    }
}
