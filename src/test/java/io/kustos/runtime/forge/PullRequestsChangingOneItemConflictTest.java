package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews.Forge;
import io.kustos.diff.EntryChange;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import io.kustos.runtime.forge.PullRequestEvent.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The conflict rule between open pull requests, table-driven: two conflict on a key of one object,
 * or one workload's version, that both heads change from where they forked in the same environment (added,
 * changed or removed alike); not on the same key in another environment, another key of the
 * object, nor a restart for a config change. Both comments name the other; a Secret's key counts,
 * its value and fingerprint never appear.
 */
class PullRequestsChangingOneItemConflictTest {
    private static final String SECTION = "> [!WARNING]\n> **Conflicts with other open pull requests**: they change the same items"
            + " in the same environments; the one merged last decides them.\n>\n";
    private static final String SECRET_VALUE = "s3cr3t-value-9921";
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
                        unchanged("staging"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRule(String name, SortedSet<ChangedItem> mine, SortedSet<ChangedItem> theirs, String expected) {
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
        var changes = ChangedItem.between(state("staging", List.of(secret(secret, "old-value")), List.of()),
                state("staging", List.of(secret(secret, SECRET_VALUE)), List.of()));
        var open = new OpenPullRequests();
        open.previewed(PR_12, verdict(changes));
        open.previewed(PR_14, verdict(changes));
        String section = ConflictSection.of(PR_12, open.conflicts(PR_12));
        assertEquals(SECTION + "> - staging: `secret/staging/db` key `PASSWORD`: also changed by #14\n\n", section);
        for (String shown : List.of(section, String.valueOf(changes))) {
            assertFalse(shown.contains(SECRET_VALUE) || shown.contains("old-value"), "a value:\n" + shown);
        }
    }

    private static DesiredConfig secret(ObjectKey key, String password) {
        return new DesiredConfig(key, "Opaque", new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of("PASSWORD", ConfigValue.bytes(password.getBytes(StandardCharsets.UTF_8)))), "environments/staging/db.yaml");
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
        var closed = new PullRequestEvent(PR_12.forge(), PR_12.repo(), 12, PR_12.headSha(), PR_12.headRepo(), false, Action.CLOSED);
        assertEquals(PreviewComment.MARKER + "\n> [!NOTE]\n> **Outdated**: this pull request is closed; the preview below is of its last head.\n\n"
                + markdown, PreviewComment.outdated(withConflicts, closed));
    }

    private static PullRequestEvent pr(String repo, int number) {
        return new PullRequestEvent(Forge.GITHUB, repo, number, "a".repeat(40), repo, false, Action.PREVIEW);
    }

    private static PullRequestPreview.Verdict verdict(SortedSet<ChangedItem> changes) {
        return new PullRequestPreview.Verdict("preview\n", true, "fine", changes);
    }

    private static DesiredState state(String environment, List<DesiredConfig> configs, List<DesiredWorkload> workloads) {
        return new DesiredState(environment, environment, null, configs, workloads, List.of(), "sha256:x");
    }

    /** The ConfigMap app-config of {@code environment} at the fork point and at the head: {@code key} added (the object is new) or changed. */
    private static SortedSet<ChangedItem> configKey(String environment, String key, EntryChange.Kind kind) {
        var before = kind == EntryChange.Kind.ADDED ? List.<DesiredConfig>of() : List.of(appConfig(environment, key, "1"));
        return ChangedItem.between(state(environment, before, List.of()), state(environment, List.of(appConfig(environment, key, "2")), List.of()));
    }

    /** The ConfigMap app-config of {@code environment}, holding {@code key}, removed by the head. */
    private static SortedSet<ChangedItem> pruned(String environment, String key) {
        return ChangedItem.between(state(environment, List.of(appConfig(environment, key, "1")), List.of()), state(environment, List.of(), List.of()));
    }

    /** The head leaves {@code environment} as it forked from it. */
    private static SortedSet<ChangedItem> unchanged(String environment) {
        var same = state(environment, List.of(appConfig(environment, "A", "1")), List.of(app(environment, "r/app:1")));
        return ChangedItem.between(same, same);
    }

    private static DesiredConfig appConfig(String environment, String key, String value) {
        return new DesiredConfig(ObjectKey.configMap(environment, "app-config"), null, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of(key, ConfigValue.text(value))), "environments/" + environment + "/app.yaml");
    }

    /** The Deployment app of {@code environment}: a new image, or the same one (its config may change: a restart, not a version). */
    private static SortedSet<ChangedItem> version(String environment, boolean newImage) {
        return ChangedItem.between(state(environment, List.of(), List.of(app(environment, "r/app:1"))),
                state(environment, List.of(), List.of(app(environment, newImage ? "r/app:2" : "r/app:1"))));
    }

    private static DesiredWorkload app(String environment, String image) {
        return new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", environment, "app"), new TreeMap<>(Map.of("app", image)),
                "release.yaml", "workloads[0]");
    }
}
