package io.kustos.runtime.shard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The assignment of environments to live replicas: every one owned once, balanced, stable, the same everywhere. */
class RendezvousTest {
    private static final List<String> TWELVE = IntStream.rangeClosed(1, 12).mapToObj(i -> "env-" + i).toList();

    @Test
    void everyEnvironmentHasOneOwnerAndNoneMoreThanItsShare() {
        for (int envs : List.of(1, 5, 12, 100, 301)) {
            List<String> environments = IntStream.range(0, envs).mapToObj(i -> "client-" + i).toList();
            for (int replicas = 1; replicas <= 7; replicas++) {
                List<String> members = IntStream.range(0, replicas).mapToObj(i -> "kustos-" + i).toList();
                Map<String, String> owners = Rendezvous.assign(environments, members);
                assertEquals(envs, owners.size());
                assertTrue(members.containsAll(owners.values()));
                int cap = (envs + replicas - 1) / replicas;
                loads(owners.values()).forEach((m, n) -> assertTrue(n <= cap, m + " owns " + n + " of " + envs + ", more than " + cap));
            }
        }
    }

    @Test
    void theSameWhateverOrderTheMembersAreSeenIn() {
        var members = new ArrayList<>(List.of("b", "c", "a"));
        var first = Rendezvous.assign(TWELVE, members);
        java.util.Collections.reverse(members);
        var environments = new ArrayList<>(TWELVE);
        java.util.Collections.reverse(environments);
        assertEquals(first, Rendezvous.assign(environments, members));
    }

    @Test
    void aDepartureMovesOnlyTheLeaversEnvironmentsAndAFewMore() {
        List<String> environments = IntStream.range(0, 300).mapToObj(i -> "client-" + i).toList();
        var before = Rendezvous.assign(environments, List.of("a", "b", "c", "d"));
        var after = Rendezvous.assign(environments, List.of("a", "b", "c"));
        long moved = environments.stream().filter(e -> !before.get(e).equals("d") && !before.get(e).equals(after.get(e))).count();
        assertTrue(moved < environments.size() / 4, moved + " of the stayers' environments moved");
    }

    @Test
    void noMemberNoOwner() {
        assertTrue(Rendezvous.assign(TWELVE, List.of()).isEmpty());
    }

    private static Map<String, Integer> loads(Collection<String> owners) {
        Map<String, Integer> load = new HashMap<>();
        owners.forEach(o -> load.merge(o, 1, Integer::sum));
        return load;
    }
}
