package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews.Forge;
import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.EntryChange;
import io.kustos.diff.WorkloadChange;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveWorkload;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The conflict rule between open pull requests, table-driven: two conflict on a key of one object,
 * or one workload's version, that both previews would change in the same environment (added,
 * changed or removed alike); not on the same key in another environment, another key of the
 * object, nor a restart for a config change. Both comments name the other; a Secret's key counts,
 * its value and fingerprint never appear.
 */
class PullRequestsChangingOneItemConflictTest {
    private static final String SECTION = "> [!WARNING]\n> **Conflicts with other open pull requests**: they change the same items"
            + " in the same environments; the one merged last decides them.\n>\n";
    private static final String SECRET_VALUE = "s3cr3t-value-9921";
    private static final String FINGERPRINT = "hmac:5f2a9c1e";
    private static final PullRequestEvent PR_12 = pr("platform/config", 12);
    private static final PullRequestEvent PR_14 = pr("platform/config", 14);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("same key, same environment", configKey("staging", "A", EntryChange.Kind.CHANGED),
                        configKey("staging", "A", EntryChange.Kind.CHANGED),
                        "> - staging: `configmap/staging/app-config` key `A`: also changed by #14\n"),
                Arguments.of("same key, another environment", configKey("staging", "A", EntryChange.Kind.CHANGED),
                        configKey("production", "A", EntryChange.Kind.CHANGED), ""),
                Arguments.of("another key of the same object", configKey("staging", "A", EntryChange.Kind.CHANGED),
                        configKey("staging", "B", EntryChange.Kind.CHANGED), ""),
                Arguments.of("added by one, changed by the other", configKey("staging", "A", EntryChange.Kind.ADDED),
                        configKey("staging", "A", EntryChange.Kind.CHANGED),
                        "> - staging: `configmap/staging/app-config` key `A`: also changed by #14\n"),
                Arguments.of("removed by one (its object pruned), changed by the other", pruned("staging", "A"),
                        configKey("staging", "A", EntryChange.Kind.CHANGED),
                        "> - staging: `configmap/staging/app-config` key `A`: also changed by #14\n"),
                Arguments.of("same workload's version", version("production", true), version("production", true),
                        "> - production: the version of `deployment/production/app`: also changed by #14\n"),
                Arguments.of("a restart for a config change is not a version", version("production", true), version("production", false), ""),
                Arguments.of("an environment that would not change", configKey("staging", "A", EntryChange.Kind.CHANGED),
                        EnvironmentPreview.unchanged("staging"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRule(String name, EnvironmentPreview mine, EnvironmentPreview theirs, String expected) {
        var open = new OpenPullRequests();
        open.previewed(PR_12, verdict(mine));
        open.previewed(PR_14, verdict(theirs));
        assertEquals(expected.isEmpty() ? "" : SECTION + expected + "\n", ConflictSection.of(PR_12, open.conflicts(PR_12)));
        assertEquals(expected.isEmpty() ? "" : SECTION + expected.replace("#14", "#12") + "\n", ConflictSection.of(PR_14, open.conflicts(PR_14)),
                "both comments name the other");
    }

    @Test
    void aSecretKeyCountsItsValueNeverAppears() {
        var secret = ObjectKey.secret("staging", "db");
        var desired = new DesiredConfig(secret, "Opaque", new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of("PASSWORD", ConfigValue.bytes(SECRET_VALUE.getBytes(StandardCharsets.UTF_8)))), "environments/staging/db.yaml");
        var change = new ConfigChange(desired, null, List.of(new EntryChange("PASSWORD", EntryChange.Kind.CHANGED, FINGERPRINT, FINGERPRINT + "0")),
                List.of());
        var preview = EnvironmentPreview.changes("staging", new Diff(state("staging"), List.of(change), List.of()), List.of(), 1, List.of());
        var open = new OpenPullRequests();
        open.previewed(PR_12, verdict(preview));
        open.previewed(PR_14, verdict(preview));
        String section = ConflictSection.of(PR_12, open.conflicts(PR_12));
        assertEquals(SECTION + "> - staging: `secret/staging/db` key `PASSWORD`: also changed by #14\n\n", section);
        String kept = String.valueOf(ChangedItem.of(report(preview)));
        for (String shown : List.of(section, kept)) {
            assertFalse(shown.contains(SECRET_VALUE) || shown.contains("hmac:"), "a value or fingerprint:\n" + shown);
        }
    }

    @Test
    void onlyAChangeOfTheOthersConflictsEditsTheirComments() {
        var open = new OpenPullRequests();
        var same = configKey("staging", "A", EntryChange.Kind.CHANGED);
        assertEquals(List.of(), open.previewed(PR_12, verdict(same)));
        assertEquals(List.of(PR_12), events(open.previewed(PR_14, verdict(same))), "#12 now conflicts with #14");
        assertEquals(List.of(), open.previewed(PR_14, verdict(same)), "a push that changes the same items: #12's comment stays");
        assertEquals(List.of(PR_12), events(open.previewed(PR_14, verdict(configKey("staging", "B", EntryChange.Kind.CHANGED)))),
                "a push that leaves A alone lifts #12's conflict");
        open.previewed(PR_14, verdict(same));
        assertEquals(List.of(PR_14), events(open.closed(PR_12)), "#12 closed: #14's comment drops it");
        assertEquals(Map.of(), open.conflicts(PR_14));
    }

    private static List<PullRequestEvent> events(List<OpenPullRequests.Open> open) {
        return open.stream().map(OpenPullRequests.Open::event).toList();
    }

    @Test
    void anotherRepoOrGitLabIsNamedAsTheForgeLinksIt() {
        var open = new OpenPullRequests();
        var releases = pr("platform/releases", 3);
        var mr = new PullRequestEvent(Forge.GITLAB, "platform/config", 14, "c".repeat(40), "platform/config", false, Action.PREVIEW);
        open.previewed(PR_12, verdict(version("production", true)));
        open.previewed(releases, verdict(version("production", true)));
        assertEquals(SECTION + "> - production: the version of `deployment/production/app`: also changed by platform/releases#3\n\n",
                ConflictSection.of(PR_12, open.conflicts(PR_12)));
        assertEquals("!14", mr.reference("platform/config"));
    }

    @Test
    void theSectionIsLeftOutOfAClosedComment() {
        String markdown = "### Kustos preview\n\nbody\n";
        String withConflicts = PreviewComment.of(markdown, SECTION + "> - staging: x\n\n", GitHubApi.COMMENT_LIMIT);
        assertEquals(PreviewComment.MARKER + "\n" + markdown, ConflictSection.without(withConflicts));
        assertEquals(PreviewComment.MARKER + "\n" + PreviewComment.OUTDATED + markdown, PreviewComment.outdated(withConflicts));
    }

    private static PullRequestEvent pr(String repo, int number) {
        return new PullRequestEvent(Forge.GITHUB, repo, number, "a".repeat(40), repo, false, Action.PREVIEW);
    }

    private static PullRequestPreview.Verdict verdict(EnvironmentPreview preview) {
        return new PullRequestPreview.Verdict("preview\n", true, "fine", ChangedItem.of(report(preview)));
    }

    private static PreviewReport report(EnvironmentPreview preview) {
        return new PreviewReport(new Revision("main", "a".repeat(40)), new Revision("main", "b".repeat(40)), List.of(preview));
    }

    private static DesiredState state(String environment) {
        return new DesiredState(environment, environment, null, List.of(), List.of(), List.of(), "sha256:x");
    }

    /** The ConfigMap app-config of {@code environment}: {@code key} added (the object is new) or changed. */
    private static EnvironmentPreview configKey(String environment, String key, EntryChange.Kind kind) {
        var desired = new DesiredConfig(ObjectKey.configMap(environment, "app-config"), null, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of(key, ConfigValue.text("v"))), "environments/" + environment + "/app.yaml");
        var change = new ConfigChange(desired, null, List.of(new EntryChange(key, kind, kind == EntryChange.Kind.ADDED ? null : "\"1\"", "\"2\"")),
                List.of());
        return EnvironmentPreview.changes(environment, new Diff(state(environment), List.of(change), List.of()), List.of(), 1, List.of());
    }

    /** The ConfigMap app-config of {@code environment}, holding {@code key}, pruned. */
    private static EnvironmentPreview pruned(String environment, String key) {
        var entries = new TreeMap<>(Map.of(key, ConfigValue.text("1")));
        var live = new LiveConfig(ObjectKey.configMap(environment, "app-config"), null, new TreeMap<>(), new TreeMap<>(), entries,
                entries.keySet(), Set.of(), Set.of());
        return EnvironmentPreview.changes(environment, new Diff(state(environment), List.of(), List.of(), List.of(live)), List.of(), 1, List.of());
    }

    /** The Deployment app of {@code environment}: a new image, or only a restart for its config. */
    private static EnvironmentPreview version(String environment, boolean newImage) {
        var key = new ObjectKey("apps/v1", "Deployment", environment, "app");
        var change = new WorkloadChange(new DesiredWorkload(key, new TreeMap<>(Map.of("app", newImage ? "r/app:2" : "r/app:1")), "release.yaml", "workloads[0]"),
                new LiveWorkload(key, new TreeMap<>(Map.of("app", "r/app:1")), new TreeMap<>(), null),
                newImage ? new TreeMap<String, String>(Map.of("app", "r/app:1")) : new TreeMap<String, String>(), "sha256:old", newImage ? "sha256:old" : "sha256:new");
        return EnvironmentPreview.changes(environment, new Diff(state(environment), List.of(), List.of(change)), List.of(), 1, List.of());
    }
}
