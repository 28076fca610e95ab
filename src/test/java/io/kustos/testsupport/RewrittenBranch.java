package io.kustos.testsupport;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/**
 * The config branch force-pushed back under two applied revisions: {@code A=1} (the harness's
 * first commit of {@code file}) and {@code A=2} are applied with {@code kustos apply}, then the
 * branch is rewritten to a new commit on top of the first, with its files ({@code A=1}).
 *
 * @param first     the first commit, applied
 * @param second    the second, applied: the last good revision, rewritten away
 * @param rewritten the head after the force push
 */
public record RewrittenBranch(String first, String second, String rewritten) {
    public static RewrittenBranch afterTwoApplies(KustosHarness h, String file) {
        String first = h.config().head();
        assertEquals(0, h.kustos("apply").exit());
        String second = h.config().commit("A=2", Map.of(file, configMap("app-config", "A", "2")));
        assertEquals(0, h.kustos("apply").exit());
        return new RewrittenBranch(first, second, h.config().forcePush(first, "rewritten: A=1 again"));
    }
}
