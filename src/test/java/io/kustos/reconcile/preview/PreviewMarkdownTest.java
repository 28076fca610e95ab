package io.kustos.reconcile.preview;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.kustos.cluster.ApplyException;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a pull request comment shows ({@link PreviewMarkdown}): a table of what a merge would do per
 * environment, then per environment its objects, restarts, hooks, dry run and ConfigMap diff; a
 * Secret only by which keys change, never a value, its base64, a fingerprint or a length; and
 * Markdown that no value or error message can break out of.
 */
class PreviewMarkdownTest {
    private static final String NS = "staging";
    private static final String PASSWORD = "hunter2-very-secret";
    private static final ObjectKey CM = ObjectKey.configMap(NS, "app-config");
    private static final ObjectKey SECRET = ObjectKey.secret(NS, "db");
    private static final ObjectKey APP = new ObjectKey("apps/v1", "Deployment", NS, "app");
    private static final SecretFingerprints KEYED = SecretFingerprints.keyed("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));

    private final PreviewMarkdown markdown = new PreviewMarkdown();

    private static SourceRevisions revisions() {
        var commit = new CommitInfo("a".repeat(40), "Ada", "ada@example.com", Instant.EPOCH, "x");
        return new SourceRevisions(new Revision("refs/pull/7/head", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
    }

    private static TreeMap<String, String> labels() {
        return new TreeMap<>(Map.of(Labels.MANAGED_BY, "kustos", Labels.ENVIRONMENT, NS));
    }

    private static TreeMap<String, ConfigValue> entries(boolean secret, String... keyValues) {
        var out = new TreeMap<String, ConfigValue>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], secret ? ConfigValue.bytes(keyValues[i + 1].getBytes(StandardCharsets.UTF_8)) : ConfigValue.text(keyValues[i + 1]));
        }
        return out;
    }

    private static LiveConfig live(ObjectKey key, String type, TreeMap<String, ConfigValue> entries) {
        return new LiveConfig(key, type, labels(), new TreeMap<>(Map.of(Labels.REVISION, "config=old;releases=old")), entries,
                entries.keySet(), labels().keySet(), Set.of(Labels.REVISION, Labels.AUTHOR));
    }

    private static PodTemplateSpec usingConfigAndSecret() {
        return new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("app").withImage("r/app:1")
                .addNewEnvFrom().withNewConfigMapRef().withName("app-config").endConfigMapRef().endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName("db").endSecretRef().endEnvFrom().endContainer().endSpec().build();
    }

    /** A ConfigMap value and a Secret value changed, and app gets version 2 (so a hook runs). */
    private static Diff changed(SecretFingerprints fingerprints) {
        var desired = new DesiredState(NS, NS, revisions(), List.of(
                new DesiredConfig(CM, null, labels(), new TreeMap<>(), entries(false, "LOG_LEVEL", "debug"), "config:environments/staging/app.yaml"),
                new DesiredConfig(SECRET, "Opaque", labels(), new TreeMap<>(), entries(true, "PASSWORD", PASSWORD), "config:environments/staging/db.yaml")),
                List.of(new DesiredWorkload(APP, new TreeMap<>(Map.of("app", "r/app:2")), "releases:environments/staging/release.yaml", "workloads[0]")),
                List.of(), "sha256:x");
        var live = new LiveState(Map.of(CM, live(CM, null, entries(false, "LOG_LEVEL", "info")),
                SECRET, live(SECRET, "Opaque", entries(true, "PASSWORD", "old-" + PASSWORD))),
                Map.of(APP, new LiveWorkload(APP, new TreeMap<>(Map.of("app", "r/app:1")), new TreeMap<>(), usingConfigAndSecret())), fingerprints);
        return new Differ().diff(desired, live);
    }

    private static PreviewReport report(EnvironmentPreview... environments) {
        return new PreviewReport(revisions().config(), revisions().releases(), List.of(environments));
    }

    private static PlannedHook hook() {
        return new PlannedHook("db-migrate", APP, "app-db-migrate-1a2b3c4d", "releases:environments/staging/release.yaml: hooks.preDeploy[0]", false);
    }

    /**
     * The kustos.io/revision and kustos.io/author annotations a preview would write name the previewed
     * ref and its author, not what a merge would write: the preview's diffs (comment and text) leave them
     * out; kustos diff and the dry run keep them.
     */
    @Test
    void previewDiffsLeaveOutTheCreditAnnotations() {
        Diff diff = changed(KEYED);
        var report = report(EnvironmentPreview.changes(NS, diff, List.of(), 4, List.of()));
        for (String out : List.of(markdown.render(report), new PreviewText().render(report))) {
            assertTrue(out.contains("-  LOG_LEVEL: info\n+  LOG_LEVEL: debug\n"), out);
            assertFalse(out.contains(Labels.REVISION) || out.contains(Labels.AUTHOR) || out.contains(";releases="), out);
        }
        String unified = new io.kustos.diff.DiffPrinter().unified(diff);
        assertTrue(unified.contains(Labels.REVISION + ": config=refs/pull/7/head@sha1:") && unified.contains(Labels.AUTHOR), unified);
    }

    @Test
    void aSecretShowsOnlyWhichKeysChange() {
        for (SecretFingerprints fingerprints : List.of(KEYED, SecretFingerprints.NONE)) {
            String md = markdown.render(report(EnvironmentPreview.changes(NS, changed(fingerprints), List.of(hook()), 4, List.of())));
            assertTrue(md.contains("- Secret/db (keys: PASSWORD changed)"), md);
            for (String value : List.of(PASSWORD, "old-" + PASSWORD)) {
                assertFalse(md.contains(value), "a Secret value:\n" + md);
                assertFalse(md.contains(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))), "a Secret value's base64:\n" + md);
            }
            assertFalse(md.contains(SecretFingerprints.PREFIX), "a fingerprint:\n" + md);
            assertFalse(md.contains("***"), "a masked value (the Secret is not diffed at all):\n" + md);
            assertFalse(md.contains(Labels.CONFIG_HASH), "the config hash, keyed over the Secret:\n" + md);
            assertFalse(md.contains(String.valueOf(PASSWORD.length())), "a length:\n" + md);
        }
    }

    @Test
    void anEnvironmentThatWouldChangeShowsItsObjectsRestartsHooksDryRunAndConfigMapDiff() {
        String md = markdown.render(report(EnvironmentPreview.changes(NS, changed(KEYED), List.of(hook()), 4, List.of()),
                EnvironmentPreview.changes("production", changed(KEYED), List.of(), 3, List.of("staging")),
                EnvironmentPreview.unchanged("dev")));
        assertTrue(md.startsWith("### Kustos preview\n\nconfig `refs/pull/7/head` @ `aaaaaaa` · releases `main` @ `bbbbbbb`\n\n"), md);
        assertTrue(md.contains("""
                | environment | on merge | objects | restarts | hooks |
                | --- | --- | --- | --- | --- |
                | staging | would change at once | 3 | 1 | 1 |
                | production | would wait for staging | 3 | 1 | 0 |
                | dev | no change |  |  |  |
                """), md);
        assertTrue(md.contains("#### staging: would change at once\n"), md);
        assertTrue(md.contains("#### production: would wait for staging\n"), md);
        assertFalse(md.contains("#### dev"), "nothing to say about an environment that does not change:\n" + md);
        assertTrue(md.contains("- ConfigMap/app-config (keys: LOG\\_LEVEL changed)"), md);
        assertTrue(md.contains("- `deployment/staging/app`: image app: r/app:1 -> r/app:2; configmap app-config changed; secret db changed"), md);
        assertTrue(md.contains("- `db-migrate` would run before `deployment/staging/app` changes version (job `app-db-migrate-1a2b3c4d`, "
                + "`releases:environments/staging/release.yaml: hooks.preDeploy[0]`)"), md);
        assertTrue(md.contains("Server-side dry run: 4 writes accepted by the API server."), md);
        assertTrue(md.contains("<details><summary>Diff of the ConfigMaps</summary>\n\n```diff\ndiff -u -N live/v1.ConfigMap.staging.app-config"), md);
        assertTrue(md.contains("-  LOG_LEVEL: info\n+  LOG_LEVEL: debug\n"), md);
    }

    @Test
    void aHookThatAlreadyRanForTheVersionIsSaidNotToRunAgain() {
        var ran = new PlannedHook("db-migrate", APP, "app-db-migrate-1a2b3c4d", "releases:x.yaml: hooks.preDeploy[0]", true);
        String md = markdown.render(report(EnvironmentPreview.changes(NS, changed(KEYED), List.of(ran), 3, List.of())));
        assertTrue(md.contains("- `db-migrate` already ran for this version, would not run again"), md);
        assertTrue(md.contains("| staging | would change at once | 3 | 1 | 0 |"), md);
    }

    @Test
    void aRefusalIsQuotedWholeInABlockItCannotClose() {
        String message = "config:environments/dev/app/ports.yaml: data.PORT: an unquoted number; ``` | <b>";
        String md = markdown.render(report(EnvironmentPreview.refused("dev", new StallingException(message, FailureReason.INVALID_INPUT)),
                EnvironmentPreview.refused("production", new ApplyException("configmap/production/big: server-side dry run was rejected", FailureReason.REFUSED_INVALID))));
        assertTrue(md.contains("| dev | would be refused |  |  |  |"), md);
        assertTrue(md.contains("#### dev: would be refused\n\n````\n" + message + "\n````\n"), "a fence longer than the message's backticks:\n" + md);
        assertTrue(md.contains("#### production: would be refused\n\n```\nconfigmap/production/big: server-side dry run was rejected\n```\n"), md);
    }

    @Test
    void textAndInlineCodeCannotBreakTheMarkup() {
        assertEquals("``a`b``", PreviewMarkdown.code("a`b"));
        assertEquals("`` `x ``", PreviewMarkdown.code("`x"));
        assertEquals("\\<b> \\| \\*x\\* \\[l\\](u) a -> b", PreviewMarkdown.text("<b> | *x* [l](u) a\n-> b"));
    }
}
