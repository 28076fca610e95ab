package io.kustos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Kubeconfigs for the non-admin users that .ci/run adds to realkube's tokens.csv. */
public final class RealKubeUsers {
    private RealKubeUsers() {
    }

    /** A kubeconfig for {@code user}, or the test is skipped when realkube has no such user. */
    public static Path kubeconfig(String user, Path adminKubeconfig, Path dir) throws IOException {
        String home = System.getenv("KUSTOS_REALKUBE_HOME");
        Assumptions.assumeTrue(home != null, "KUSTOS_REALKUBE_HOME is not set (bash .ci/run sets it)");
        Optional<String> token = Files.readAllLines(Path.of(home, "pki", "tokens.csv")).stream()
                .map(l -> l.split(","))
                .filter(f -> f.length >= 2 && f[1].equals(user))
                .map(f -> f[0]).findFirst();
        Assumptions.assumeTrue(token.isPresent(), "realkube has no user " + user + " in tokens.csv (bash .ci/run adds it)");
        JsonNode admin = new ObjectMapper(new YAMLFactory()).readTree(adminKubeconfig.toFile());
        JsonNode cluster = admin.get("clusters").get(0).get("cluster");
        Path file = dir.resolve(user + ".kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: realkube
                  cluster: {server: "%s", certificate-authority: "%s"}
                users:
                - name: %s
                  user: {token: "%s"}
                contexts:
                - name: %s
                  context: {cluster: realkube, user: %s}
                current-context: %s
                """.formatted(cluster.get("server").asText(), cluster.get("certificate-authority").asText(),
                user, token.get(), user, user, user));
        return file;
    }
}
