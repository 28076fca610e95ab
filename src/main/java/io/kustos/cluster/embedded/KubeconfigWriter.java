package io.kustos.cluster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig that both fabric8 and kubectl accept: plain http, a dummy token. */
final class KubeconfigWriter {

    static final String CONTEXT = "kustos-embedded";
    static final String TOKEN = "kustos-embedded-token";

    private KubeconfigWriter() {
    }

    static void write(URI server, Path file) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                users:
                - name: %1$s
                  user:
                    token: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                preferences: {}
                """.formatted(CONTEXT, server.toString().replaceAll("/$", ""), TOKEN);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
