package io.kustos.runtime;

import io.kustos.testsupport.KustosHarness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kustos.yaml of a daemon whose pull request previews go to a GitHub API at {@code apiUrl}:
 * sync every hour (webhooks only), the webhook secret and the forge token in files beside it.
 */
final class PreviewsOnGitHub {
    static final String TOKEN = "gh-token-77";

    private PreviewsOnGitHub() {
    }

    /** @param more more fields of {@code previews:} ({@code retries: 0}) */
    static void configure(KustosHarness h, Path tmp, String hookSecret, String apiUrl, String more) throws IOException {
        Files.writeString(tmp.resolve("hook-secret"), hookSecret + "\n");
        Files.writeString(tmp.resolve("forge-token"), TOKEN + "\n");
        Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                sync: { interval: 1h }
                server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                previews: { forge: github, apiUrl: "%s", tokenFile: forge-token, configRepo: platform/config, %s }
                """.formatted(apiUrl, more));
    }

    /** A {@code pull_request} event of {@code platform/config#12} at {@code sha}. */
    static String pullRequest(String action, String sha) {
        return """
                {"action":"%s","number":12,"pull_request":{"number":12,
                  "head":{"sha":"%s","repo":{"full_name":"platform/config"}},
                  "base":{"repo":{"full_name":"platform/config"}}}}
                """.formatted(action, sha);
    }

    /** {@code A} of the ConfigMap app-config, null before there is one. */
    static String value(KustosHarness h) {
        var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
