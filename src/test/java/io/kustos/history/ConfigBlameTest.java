package io.kustos.history;

import io.kustos.config.Target;
import io.kustos.decrypt.Decryptor;
import io.kustos.history.KeyBlame.Change;
import io.kustos.render.Renderer;
import io.kustos.source.CommitInfo;
import io.kustos.source.MemorySnapshot;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Blame in memory: a history is a list of snapshots (newest first); each key is attributed to the
 * newest commit where its value differs from the commit before, and the walk stops once every key
 * is attributed.
 */
class ConfigBlameTest {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final Target STAGING = new Target("staging", "staging", List.of(), null, null, false);

    private final List<RepoSnapshot> history = new ArrayList<>();
    private int read;

    /** Adds an older commit (call newest first). */
    private ConfigBlameTest commit(String sha1Digit, String subject, Map<String, String> files) {
        String sha = sha1Digit.repeat(40);
        history.add(MemorySnapshot.ofText(new Revision("main", sha),
                new CommitInfo(sha, "Author " + sha1Digit, sha1Digit + "@example.com", Instant.parse("2026-11-0" + sha1Digit + "T10:00:00Z"), subject),
                files));
        return this;
    }

    private BlameReport blame(String object, String key) {
        Iterator<RepoSnapshot> all = history.iterator();
        Iterator<RepoSnapshot> counting = new Iterator<>() {
            public boolean hasNext() {
                return all.hasNext();
            }

            public RepoSnapshot next() {
                read++;
                return all.next();
            }
        };
        return new ConfigBlame(new Renderer(Decryptor.NONE), STAGING)
                .blame(history.get(0).revision(), counting, ObjectRef.parse(object), key);
    }

    private static String blamed(BlameReport report) {
        return String.join("\n", report.keys().stream()
                .map(k -> k.key() + " " + k.change().name().toLowerCase() + " " + k.commit().sha().charAt(0) + " " + k.commit().subject()).toList());
    }

    @Test
    void eachKeyIsAttributedToTheCommitThatLastChangedIt() {
        commit("5", "raise timeout", Map.of(FILE, configMap("app", "A", "1", "B", "3", "C", "x")))
                .commit("4", "other object", Map.of(FILE, configMap("app", "A", "1", "B", "2", "C", "x")
                        + "---\n" + configMap("other", "A", "9")))
                .commit("3", "add C", Map.of(FILE, configMap("app", "A", "1", "B", "2", "C", "x")))
                .commit("2", "change B", Map.of(FILE, configMap("app", "A", "1", "B", "2")))
                .commit("1", "initial", Map.of(FILE, configMap("app", "A", "1", "B", "1")));
        var report = blame("configmap/app", null);
        assertEquals("A added 1 initial\nB changed 5 raise timeout\nC added 3 add C", blamed(report));
        assertEquals("configmap/staging/app", report.object().toString());
        assertEquals(List.of(), report.skipped());
    }

    @Test
    void theWalkStopsOnceEveryKeyIsAttributed() {
        commit("4", "change A", Map.of(FILE, configMap("app", "A", "2")))
                .commit("3", "add A", Map.of(FILE, configMap("app", "A", "1")))
                .commit("2", "older", Map.of(FILE, configMap("app", "Z", "1")))
                .commit("1", "oldest", Map.of(FILE, configMap("app", "Z", "1")));
        assertEquals("A changed 4 change A", blamed(blame("cm/app", "A")));
        assertEquals(2, read, "only the head and its parent were read");
    }

    @Test
    void aKeyRemovedThenAddedAgainIsAttributedToTheReAddition() {
        commit("4", "bring B back", Map.of(FILE, configMap("app", "A", "1", "B", "1")))
                .commit("3", "drop B", Map.of(FILE, configMap("app", "A", "1")))
                .commit("2", "unrelated", Map.of(FILE, configMap("app", "A", "1", "B", "1"), "environments/staging/x/a.yaml", configMap("x", "X", "1")))
                .commit("1", "initial", Map.of(FILE, configMap("app", "A", "1", "B", "1")));
        assertEquals("B added 4 bring B back", blamed(blame("configmap/app", "B")));
    }

    @Test
    void aKeyNotThereNowIsAttributedToItsRemoval() {
        commit("3", "drop B", Map.of(FILE, configMap("app", "A", "1")))
                .commit("2", "other", Map.of(FILE, configMap("app", "A", "1", "B", "2")))
                .commit("1", "initial", Map.of(FILE, configMap("app", "A", "1", "B", "1")));
        assertEquals("B removed 3 drop B", blamed(blame("configmap/app", "B")));
    }

    @Test
    void aKeyNeverPresentIsAnError() {
        commit("2", "two", Map.of(FILE, configMap("app", "A", "2")))
                .commit("1", "one", Map.of(FILE, configMap("app", "A", "1")));
        var e = assertThrows(BlameException.class, () -> blame("configmap/app", "NOPE"));
        assertEquals("key NOPE was never in configmap/staging/app in the history of environment staging (first parents of main@sha1:"
                + "2".repeat(40) + ")", e.getMessage());
    }

    @Test
    void anObjectNotThereIsAnError() {
        commit("1", "one", Map.of(FILE, configMap("app", "A", "1")));
        assertEquals("secret/app is not in environment staging at main@sha1:" + "1".repeat(40),
                assertThrows(BlameException.class, () -> blame("secret/app", null)).getMessage());
    }

    @Test
    void aCommitThatDoesNotRenderIsSkippedAndItsChangeGoesToTheCommitThatFixedIt() {
        commit("3", "fix the file", Map.of(FILE, configMap("app", "A", "3", "B", "1")))
                .commit("2", "broken", Map.of(FILE, configMap("app", "A", "2", "B", "1").replace("kind: ConfigMap", "kind: Deployment")))
                .commit("1", "initial", Map.of(FILE, configMap("app", "A", "1", "B", "1")));
        var report = blame("configmap/app", null);
        assertEquals("A changed 3 fix the file\nB added 1 initial", blamed(report));
        assertEquals(1, report.skipped().size());
        assertEquals("2".repeat(40), report.skipped().get(0).commit().sha());
        assertEquals("does not render: config:" + FILE + ": kind: kind Deployment is not managed from the config repo "
                + "(only ConfigMap and Secret; image versions belong in the release repo)", report.skipped().get(0).reason());
    }

    @Test
    void secretsAreComparedByValueAndNoValueIsKept() {
        commit("3", "rotate", Map.of(FILE, secret("db", "PASSWORD", "hunter3", "USER", "app")))
                .commit("2", "same again", Map.of(FILE, secret("db", "PASSWORD", "hunter2", "USER", "app"),
                        "environments/staging/app/more.yaml", configMap("more", "X", "1")))
                .commit("1", "initial", Map.of(FILE, secret("db", "PASSWORD", "hunter2", "USER", "app")));
        var report = blame("secret/db", null);
        assertEquals("PASSWORD changed 3 rotate\nUSER added 1 initial", blamed(report));
        assertFalse(report.toString().contains("hunter"));
        assertEquals(List.of(), report.skipped());
    }

    @Test
    void anObjectDeletedAndCreatedAgainStartsOver() {
        commit("3", "recreate", Map.of(FILE, configMap("app", "A", "1")))
                .commit("2", "delete", Map.of(FILE, configMap("other", "X", "1")))
                .commit("1", "initial", Map.of(FILE, configMap("app", "A", "1")));
        assertEquals("A added 3 recreate", blamed(blame("configmap/app", null)));
    }

    @Test
    void theSameNameInTwoNamespacesNeedsTheNamespace() {
        var target = new Target("staging", "staging", List.of("jobs"), null, null, false);
        commit("1", "one", Map.of(FILE, configMap("app", "A", "1") + "---\n"
                + configMap("app", "A", "2").replace("  name: app\n", "  name: app\n  namespace: jobs\n")));
        var blame = new ConfigBlame(new Renderer(Decryptor.NONE), target);
        var e = assertThrows(BlameException.class, () -> blame.blame(history.get(0).revision(), history.iterator(), ObjectRef.parse("cm/app"), null));
        assertEquals("configmap/app is in several namespaces of environment staging: configmap/jobs/app, configmap/staging/app;"
                + " name one as configmap/NAMESPACE/app", e.getMessage());
        var report = blame.blame(history.get(0).revision(), history.iterator(), ObjectRef.parse("cm/jobs/app"), null);
        assertEquals("configmap/jobs/app", report.object().toString());
    }
}
