package io.kustos.reconcile;

import io.kustos.history.HistoryRecord;
import io.kustos.source.Lineage;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A force push judged against the environment's last good revision (as the cluster recorded it):
 * per source, the last good commit on the same branch that the head does not descend from is
 * rewritten away; refused unless the source allows it, then followed.
 */
class ForcePushRuleTest {
    private static final String OLD = "1".repeat(40);
    private static final String NEW = "2".repeat(40);
    private static final String REL = "3".repeat(40);

    @ParameterizedTest(name = "last good config {0}@{1}, {2}; releases {3}; allowed {4}: followed {5}, refused {6}, asked {7}")
    @CsvSource(delimiter = '|', value = {
            // config: last good branch | sha | lineage | releases lineage | allowed | followed | refused | asked
            "         |     |                 |                 |                  |                  |          | ",  // no last good revision
            "main     | NEW |                 |                 |                  |                  |          | ",  // the same commits
            "release  | OLD |                 |                 |                  |                  |          | ",  // kustos.yaml follows another branch
            "main     | OLD | ANCESTOR        |                 |                  |                  |          | config",
            "main     | OLD | NEWER_ON_BRANCH |                 |                  |                  |          | config",  // another writer read later
            "main     | OLD | REWRITTEN       |                 |                  |                  | config   | config",
            "main     | OLD | GONE            |                 |                  |                  | config   | config",  // a new cache dir
            "main     | OLD | REWRITTEN       |                 | config           | config           |          | config",
            "main     | OLD | GONE            |                 | config           | config           |          | config",
            "main     | OLD | GONE            |                 | releases         |                  | config   | config",  // only the other source allows it
            "main     | OLD | ANCESTOR        | GONE            |                  |                  | releases | config releases",
            "main     | OLD | GONE            | REWRITTEN       | config           | config           | releases | config releases",
            "main     | OLD | GONE            | GONE            | config releases  | config releases  |          | config releases",
    })
    void aHeadThatDoesNotDescendFromTheLastGoodCommitIsAForcePush(String branch, String sha, Lineage config, Lineage releases,
                                                                  String allowed, String followed, String refused, String asked) {
        RevisionPair lastGood = branch == null ? null : new RevisionPair(new Revision(branch, "NEW".equals(sha) ? NEW : OLD),
                new Revision("main", releases == null ? REL : OLD));
        var current = new RevisionPair(new Revision("main", NEW), new Revision("main", REL));
        var lineages = Map.of("config", config == null ? Lineage.ANCESTOR : config, "releases", releases == null ? Lineage.ANCESTOR : releases);
        var askedFor = new ArrayList<String>();

        var verdict = ForcePushRule.judge(lastGood, current, (source, from, to) -> {
            askedFor.add(source);
            assertEquals(source.equals("config") ? current.config() : current.releases(), to);
            return lineages.get(source);
        }, words(allowed)::contains);

        assertEquals(words(followed), verdict.followed().stream().map(HistoryRecord.Rewrite::source).toList(), "followed");
        assertEquals(refused, verdict.refused() == null ? null : verdict.refused().rewrite().source(), "refused");
        assertEquals(words(asked), askedFor, "asked the clones about");
        if (verdict.refused() != null) {
            var r = verdict.refused();
            assertEquals(new HistoryRecord.Rewrite(refused, "main", OLD, refused.equals("config") ? NEW : REL), r.rewrite());
            assertEquals(refused.equals("config") ? config : releases, r.lineage());
        }
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
