package io.kustos.reconcile;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kustos.testsupport.ClusterState;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16, point 2: {@code kustos preview} fetches a branch or a pull request's head from the
 * configured remotes and shows, per environment and against the live cluster, what merging it
 * would do: the diff, the server-side dry run, the restarts and why, the hooks, and which
 * environments would change at once and which would wait for promotion ({@code after:}). Nothing
 * is written to the cluster; {@code -o markdown} (a pull request comment) never shows a Secret's
 * value, its base64, a fingerprint or a length. Exit 1 when something would change, 0 when
 * nothing would, 3 for invalid input (each problem at its file, line and key path, as
 * {@code kustos validate} places it), 4 for a write the API server refuses.
 */
class PreviewShowsWhatAMergeWouldDoIT {
    private static final String OLD_PASSWORD = "old-pass-0419";
    private static final String NEW_PASSWORD = "new-pass-7731-preview";

    private static String config(String env) {
        return "environments/" + env + "/app/config.yaml";
    }

    private static String secretFile(String env) {
        return "environments/" + env + "/app/db.yaml";
    }

    /** staging (app-config A=1, Secret db) and production after staging (app-config A=1, its app reading Secret db if there is one), applied. */
    private static Environments applied(KustosHarness h) {
        var envs = new Environments(h);
        String production = envs.add("production", "after: [staging]");
        // a JSON patch carries no resourceVersion: the embedded cluster's controller may write the status meanwhile
        h.cluster().client().apps().deployments().inNamespace(production).withName("app").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\": \"add\", \"path\": \"/spec/template/spec/containers/0/envFrom/-\", "
                        + "\"value\": {\"secretRef\": {\"name\": \"db\", \"optional\": true}}}]");
        var first = h.kustos("apply");
        assertEquals(0, first.exit(), "both environments apply:\n" + first);
        return envs;
    }

    private static KustosHarness start(String clusterName, Path tmp) {
        return KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                config("staging"), configMap("app-config", "A", "1"),
                secretFile("staging"), secret("db", "PASSWORD", OLD_PASSWORD),
                config("production"), configMap("app-config", "A", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aPullRequestShowsTheDiffRestartsHookAndPromotionAndWritesNothing(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = start(clusterName, tmp); var envs = applied(h)) {
            String staging = envs.namespace("staging");
            String production = envs.namespace("production");
            PullRequestRefs.push(h.config(), "refs/heads/feature", "A=2, a new password, production's first Secret", Map.of(
                    config("staging"), configMap("app-config", "A", "2"),
                    secretFile("staging"), secret("db", "PASSWORD", NEW_PASSWORD),
                    config("production"), configMap("app-config", "A", "2"),
                    secretFile("production"), secret("db", "PASSWORD", NEW_PASSWORD)));
            PullRequestRefs.push(h.releases(), "refs/pull/1/head", "app 1.1.0, with a migration", Map.of(
                    Environments.releasePath("staging"), KustosHarness.release(Map.of("app", "registry.example.com/app:1.1.0"), KustosHarness.HOOK),
                    Environments.releasePath("production"), Environments.release("production", Map.of("app", "registry.example.com/app:1.1.0"))));
            var before = ClusterState.of(h.cluster().client(), List.of(staging, production));
            h.cluster().resetCounts();

            var text = h.kustos("preview", "--config-ref", "feature", "--releases-ref", "refs/pull/1/head");
            assertEquals(1, text.exit(), "something would change:\n" + text);
            String out = text.out();
            assertTrue(out.contains("config=feature@sha1:") && out.contains("releases=refs/pull/1/head@sha1:"), "the refs previewed:\n" + text);
            assertTrue(out.contains("staging: would change 3 objects at once"), "staging changes at once:\n" + text);
            assertTrue(out.contains("production: would wait for staging, then change 3 objects"), "production waits for staging:\n" + text);
            assertTrue(out.contains("~ configmap/" + staging + "/app-config: A changed (\"1\" -> \"2\")"), "the ConfigMap's change:\n" + text);
            assertTrue(out.contains("restart deployment/" + staging + "/app: image app: registry.example.com/app:1.0.0 -> "
                    + "registry.example.com/app:1.1.0; configmap app-config changed"), "staging's restart and why:\n" + text);
            assertTrue(out.contains("restart deployment/" + production + "/app: image app: registry.example.com/app:1.0.0 -> "
                    + "registry.example.com/app:1.1.0; configmap app-config changed; secret db added"), "production's restart and why:\n" + text);
            assertTrue(out.contains("hook db-migrate would run before deployment/" + staging + "/app changes version (job app-db-migrate-"),
                    "the hook that would run:\n" + text);
            assertTrue(out.contains("releases:environments/staging/release.yaml: hooks.preDeploy[0]"), "where the hook is declared:\n" + text);
            assertTrue(out.contains("dry run: 4 writes accepted by the API server"), "the dry run:\n" + text);
            assertTrue(out.contains("merged/v1.ConfigMap." + staging + ".app-config"), "the unified diff:\n" + text);
            assertSecretHidden(text.all(), "the text output");

            var markdown = h.kustos("preview", "--config-ref", "feature", "--releases-ref", "refs/pull/1/head", "-o", "markdown");
            assertEquals(1, markdown.exit(), markdown.toString());
            String md = markdown.out();
            assertTrue(md.contains("| staging | would change at once | 3 | 1 | 1 |"), "the summary table:\n" + md);
            assertTrue(md.contains("| production | would wait for staging | 3 | 1 | 0 |"), "production waits:\n" + md);
            assertTrue(md.contains("- Secret/db (keys: PASSWORD changed)"), "a Secret's keys, only as changed:\n" + md);
            assertTrue(md.contains("- Secret/db created"), "production's new Secret:\n" + md);
            assertTrue(md.contains("`db-migrate` would run before `deployment/" + staging + "/app` changes version"), "the hook:\n" + md);
            assertTrue(md.contains("```diff\n") && md.contains("+  A: '2'"), "the ConfigMap's diff:\n" + md);
            assertSecretHidden(markdown.all(), "the markdown");
            assertFalse(md.contains("hmac:"), "no fingerprint in a pull request comment:\n" + md);
            assertFalse(md.contains("config-hash"), "no config hash (keyed over the Secret) in a pull request comment:\n" + md);
            assertFalse(md.matches("(?s).*\\b(bytes|length|chars)\\b.*"), "no length in a pull request comment:\n" + md);
            assertEquals(List.of(), previewRefs(h.kustosYaml().getParent().resolve("cache/previews")),
                    "the refs a preview fetched are dropped from the preview clones when it ends");

            h.cluster().serverWritesBesidesHistory().ifPresent(w -> assertEquals(0, w, "the preview wrote to the cluster"));
            assertEquals(before, ClusterState.of(h.cluster().client(), List.of(staging, production)),
                    "nothing written: no object, fingerprint key, history record, Event or Lease");
            assertEquals("1", envs.configValue("staging", "app-config", "A"));
            assertEquals("registry.example.com/app:1.0.0", envs.image("production", "app"));
            assertNull(h.cluster().client().secrets().inNamespace(production).withName("kustos-fingerprint-key").get(),
                    "no fingerprint key made in production");
            var diff = h.kustos("diff");
            assertEquals(0, diff.exit(), "the followed branches did not move to the previewed refs:\n" + diff);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aRefusedChangeExits3Or4AndAnUnchangedOneExits0(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var envs = applied(h)) {
            String mainConfig = h.config().head();
            var unchanged = h.kustos("preview", "--config-ref", mainConfig, "--releases-ref", "main");
            assertEquals(0, unchanged.exit(), "the revisions applied change nothing:\n" + unchanged);
            assertTrue(unchanged.out().contains("staging: no change") && unchanged.out().contains("production: no change"), unchanged.toString());
            assertEquals(0, h.kustos("preview").exit(), "omitted refs are the configured branches");
            var unknown = h.kustos("preview", "--config-ref", "no-such-branch");
            assertEquals(3, unknown.exit(), unknown.toString());
            assertTrue(unknown.err().contains("no ref 'no-such-branch' (tried refs/heads/no-such-branch, refs/tags/no-such-branch)"), unknown.toString());

            String ports = "environments/staging/app/ports.yaml";
            PullRequestRefs.push(h.config(), "refs/merge-requests/2/head", "an unquoted port and timeout", Map.of(ports,
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ports\ndata:\n  PORT: 8080\n  TIMEOUT: 30\n"));
            String port = "config:" + ports + ":6: data.PORT: must be a string, not a number (quote it)";
            String timeout = "config:" + ports + ":7: data.TIMEOUT: must be a string, not a number (quote it)";
            var invalid = h.kustos("preview", "--config-ref", "refs/merge-requests/2/head", "-o", "markdown");
            assertEquals(3, invalid.exit(), "invalid input:\n" + invalid);
            assertTrue(invalid.err().contains(port) && invalid.err().contains(timeout), "the error names each file, line and key:\n" + invalid);
            assertTrue(invalid.out().contains("| staging | would be refused |") && invalid.out().contains("  " + port + "\n  " + timeout + "\n"),
                    "the comment lists every problem at its line:\n" + invalid);
            var invalidText = h.kustos("preview", "--config-ref", "refs/merge-requests/2/head");
            assertEquals(3, invalidText.exit(), "invalid input:\n" + invalidText);
            assertTrue(invalidText.out().contains("staging: would be refused"), invalidText.toString());
            assertTrue(invalidText.err().contains("error: 2 problems in the repos:\n  " + port + "\n  " + timeout + "\n"),
                    "the text output lists every problem at its line:\n" + invalidText);

            String big = "environments/production/app/big.yaml";
            String sha = PullRequestRefs.push(h.config(), "refs/pull/3/head", "a ConfigMap over 1 MiB", Map.of(big,
                    configMap("big", "BLOB", "x".repeat(1100 * 1024))));
            var refused = h.kustos("preview", "--config-ref", sha);
            assertEquals(4, refused.exit(), "the API server refuses the write in the dry run:\n" + cut(refused));
            assertTrue(refused.err().contains("config:" + big) && refused.err().contains("server-side dry run was rejected"), cut(refused));
            assertTrue(refused.out().contains("staging: no change"), "staging is not touched by the commit:\n" + cut(refused));
            assertNull(envs.configValue("production", "big", "BLOB"), "nothing written");
            assertTrue(envs.history("production").size() == 1, "no record of the refusal: " + envs.history("production"));
        }
    }

    /** Neither the Secret's value nor its base64 appears. */
    private static void assertSecretHidden(String output, String what) {
        for (String value : List.of(NEW_PASSWORD, OLD_PASSWORD)) {
            assertFalse(output.contains(value), what + " shows a Secret value:\n" + output);
            assertFalse(output.contains(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))),
                    what + " shows a Secret value's base64:\n" + output);
        }
    }

    /** The run, without the megabyte a refused ConfigMap may bring into the error. */
    private static String cut(KustosRun run) {
        String s = run.toString();
        return s.length() > 6000 ? s.substring(0, 6000) + "…" : s;
    }

    /** The refs under refs/kustos-preview/ of every preview clone in {@code previews}. */
    private static List<String> previewRefs(Path previews) throws java.io.IOException {
        var refs = new java.util.ArrayList<String>();
        try (var clones = java.nio.file.Files.list(previews)) {
            for (Path clone : clones.filter(c -> org.eclipse.jgit.lib.RepositoryCache.FileKey.isGitRepository(c.toFile(),
                    org.eclipse.jgit.util.FS.DETECTED)).toList()) {
                try (var repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(clone.toFile()).setMustExist(true).build()) {
                    repo.getRefDatabase().getRefsByPrefix("refs/kustos-preview/").forEach(r -> refs.add(clone.getFileName() + ":" + r.getName()));
                }
            }
        }
        return refs;
    }
}
