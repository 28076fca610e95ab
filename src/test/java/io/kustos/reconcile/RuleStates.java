package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

import static io.kustos.testsupport.Pairs.pair;

/**
 * Remembered states for the rule tables, one letter per revision: {@code G} the last good one,
 * {@code F} one that failed, {@code H} a newer commit; an empty cell is none.
 */
final class RuleStates {
    private RuleStates() {
    }

    static TargetState state(String good, String failed, String pausedAt) {
        return new TargetState(revision(good), revision(failed), revision(pausedAt));
    }

    static RevisionPair revision(String letter) {
        if (letter == null) {
            return null;
        }
        return switch (letter) {
            case "G" -> pair('a', 'a');
            case "F" -> pair('f', 'f');
            case "H" -> pair('c', 'c');
            default -> throw new IllegalArgumentException("no revision " + letter);
        };
    }
}
