package io.kustos.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.kustos.testsupport.KustosHarness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

/**
 * The kustos.yaml of a daemon whose pull request previews of {@code platform/config} go to a
 * forge's API (WireMock): sync every hour (webhooks only), the webhook secret and the forge token
 * in files beside it.
 */
final class PreviewsOnAForge {
    static final String TOKEN = "forge-token-77";

    private PreviewsOnAForge() {
    }

    /** @param forge {@code github}, {@code gitlab} or {@code gitea}; @param more more fields of {@code previews:} ({@code retries: 0}) */
    static void configure(KustosHarness h, Path tmp, String hookSecret, String forge, String apiUrl, String more) throws IOException {
        Files.writeString(tmp.resolve("hook-secret"), hookSecret + "\n");
        Files.writeString(tmp.resolve("forge-token"), TOKEN + "\n");
        Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                sync: { interval: 1h }
                server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                previews: { forge: %s, apiUrl: "%s", tokenFile: forge-token, configRepo: platform/config, %s }
                """.formatted(forge, apiUrl, more));
    }

    /** Where GitHub keeps the comments of {@code platform/config#12}. */
    static final String COMMENTS = "/repos/platform/config/issues/12/comments";
    /** Where GitHub edits comment 7 of {@code platform/config#12}, the one {@link #commentIs} lists. */
    static final String COMMENT = "/repos/platform/config/issues/comments/7";

    /** GitHub's API in {@code forge} for {@code platform/config#12}: no comment yet, a comment created, comment 7 edited, statuses set. */
    static void stubGitHub(WireMockServer forge) {
        forge.stubFor(get(urlEqualTo(COMMENTS + "?per_page=100&page=1")).willReturn(okJson("[]")));
        forge.stubFor(post(urlEqualTo(COMMENTS)).willReturn(created()));
        forge.stubFor(patch(urlEqualTo(COMMENT)).willReturn(ok()));
        forge.stubFor(post(urlPathMatching("/repos/platform/config/statuses/[0-9a-f]{40}")).willReturn(created()));
    }

    /** From now on GitHub lists {@code body} as comment 7 of {@code platform/config#12}, the one Kustos then edits. */
    static void commentIs(WireMockServer forge, String body) {
        forge.stubFor(get(urlEqualTo(COMMENTS + "?per_page=100&page=1")).willReturn(okJson("[{\"id\":7,\"body\":"
                + new ObjectMapper().createObjectNode().textNode(body) + "}]")));
    }

    /** The {@code body} of a comment's JSON as Kustos sent it. */
    static String body(String json) throws IOException {
        return new ObjectMapper().readTree(json).path("body").asText();
    }

    /** A GitLab {@code Merge Request Hook} of {@code platform/config!12} at {@code sha}. */
    static String mergeRequest(String action, String sha) {
        return """
                {"object_kind":"merge_request","project":{"id":5,"path_with_namespace":"platform/config"},
                 "object_attributes":{"iid":12,"action":"%s","source_project_id":5,"target_project_id":5,
                   "source":{"path_with_namespace":"platform/config"},"target":{"path_with_namespace":"platform/config"},
                   "last_commit":{"id":"%s"}}}
                """.formatted(action, sha);
    }

    /** A GitHub {@code pull_request} event of {@code platform/config#12} at {@code sha}. */
    static String pullRequest(String action, String sha) {
        return pullRequest(12, action, sha);
    }

    /** A GitHub {@code pull_request} event of {@code platform/config#<number>} at {@code sha}. */
    static String pullRequest(int number, String action, String sha) {
        return """
                {"action":"%s","number":%d,"pull_request":{"number":%d,
                  "head":{"sha":"%s","repo":{"full_name":"platform/config"}},
                  "base":{"repo":{"full_name":"platform/config"}}}}
                """.formatted(action, number, number, sha);
    }

    /** {@code A} of the ConfigMap app-config, null before there is one. */
    static String value(KustosHarness h) {
        var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
