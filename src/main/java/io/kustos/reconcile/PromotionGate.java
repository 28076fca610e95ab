package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.Revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The promotion rule, apart from any I/O. Pure. */
final class PromotionGate {
    /** @param waitingFor the environments that have not applied the release revision yet (empty: go on) */
    record Decision(List<String> waitingFor, String message) {
        boolean proceeds() {
            return waitingFor.isEmpty();
        }
    }

    private PromotionGate() {
    }

    /** @param followed the state of each environment followed, by name */
    static Decision decide(Revision releases, Map<String, TargetState> followed) {
        List<String> waiting = new ArrayList<>();
        followed.forEach((env, state) -> {
            if (!applied(state, releases)) {
                waiting.add(env);
            }
        });
        return new Decision(List.copyOf(waiting), waiting.isEmpty() ? "" : "waiting for " + String.join(", ", waiting));
    }

    private static boolean applied(TargetState state, Revision releases) {
        String good = state.lastGood();
        return good != null && good.endsWith(";releases=" + releases);
    }
}
