package io.kustos.source;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What {@code kustos preview --config-ref/--releases-ref} accepts: a branch, a full sha, a pull or merge request head. */
class PreviewRefTest {
    @Test
    void aNameIsABranchThenATagAndAFullRefIsItself() {
        assertEquals(List.of("refs/heads/feature/x", "refs/tags/feature/x"), new PreviewRef("feature/x").candidates());
        assertEquals(List.of("refs/pull/12/head"), new PreviewRef("refs/pull/12/head").candidates());
        assertEquals(List.of("refs/merge-requests/12/head"), new PreviewRef("refs/merge-requests/12/head").candidates());
        assertEquals("refs/pull/12/head", new PreviewRef("refs/pull/12/head").label());
    }

    @Test
    void aFullShaIsFetchedByWhatHoldsIt() {
        var sha = new PreviewRef("0123456789abcdef0123456789abcdef01234567");
        assertTrue(sha.isSha());
        assertEquals("0123456789abcdef0123456789abcdef01234567", sha.label(), "a sha is named by itself, not as if it were a branch");
        var held = PreviewRef.commit("0123456789abcdef0123456789abcdef01234567", "refs/pull/16/head");
        assertTrue(held.isSha());
        assertEquals("refs/pull/16/head", held.label(), "a pull request's head is named by its ref");
        assertFalse(new PreviewRef("0123456").isSha(), "a short sha is a name (a branch may be called so)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a..b", "-x", "a b", "refs/heads/x:refs/heads/y", "a~1", "a^", "x.lock", "a/", "+refs/pull/*/head", "a@{1}"})
    void whatGitWouldRefuseIsRefusedWithWhatToGive(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> new PreviewRef(text));
        assertTrue(e.getMessage().contains("refs/pull/N/head"), e.getMessage());
    }
}
