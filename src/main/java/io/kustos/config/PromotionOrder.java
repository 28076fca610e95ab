package io.kustos.config;

import io.kustos.config.ConfigNode.Placed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the {@code after:} of every target against the others: each entry names another target's
 * environment, once, and following the entries never leads back to where they started (each
 * environment of a cycle would wait for itself forever).
 */
final class PromotionOrder {
    /** One target's {@code after:} entries as written, with their paths. */
    record Follows(String environment, List<Placed> after) {
        Follows {
            after = after == null ? List.of() : List.copyOf(after);
        }
    }

    private enum Mark { OPEN, DONE }

    private final ConfigNode root;
    private final Map<String, List<Placed>> edges = new LinkedHashMap<>();
    private final Map<String, Mark> marks = new HashMap<>();
    private final List<String> path = new ArrayList<>();

    private PromotionOrder(ConfigNode root) {
        this.root = root;
    }

    /** Reports every bad entry on {@code root}'s problems. */
    static void check(ConfigNode root, List<Follows> targets) {
        PromotionOrder order = new PromotionOrder(root);
        List<String> known = targets.stream().map(Follows::environment).filter(Objects::nonNull).toList();
        for (Follows target : targets) {
            order.entries(target, known);
        }
        for (String environment : order.edges.keySet()) {
            order.visit(environment);
        }
    }

    private void entries(Follows target, List<String> known) {
        Map<String, String> seen = new HashMap<>();
        List<Placed> good = new ArrayList<>();
        for (Placed entry : target.after()) {
            String first;
            if (entry.text().equals(target.environment())) {
                root.problem(entry, quoted(entry) + " is this target's own environment (a target cannot wait for itself)");
            } else if (!known.contains(entry.text())) {
                root.problem(entry, quoted(entry) + " is not the environment of a target (known: " + String.join(", ", known) + ")");
            } else if ((first = seen.putIfAbsent(entry.text(), entry.path())) != null) {
                root.problem(entry, quoted(entry) + " is already listed at " + first);
            } else {
                good.add(entry);
            }
        }
        if (target.environment() != null) {
            edges.putIfAbsent(target.environment(), good);
        }
    }

    /** Depth first along the entries; an entry back to an environment on the current path closes a cycle. */
    private void visit(String environment) {
        if (marks.containsKey(environment)) {
            return;
        }
        marks.put(environment, Mark.OPEN);
        path.add(environment);
        for (Placed entry : edges.getOrDefault(environment, List.of())) {
            if (marks.get(entry.text()) == Mark.OPEN) {
                root.problem(entry, quoted(entry) + " closes a promotion cycle: " + cycle(entry.text())
                        + " (each environment waits for the one before it; remove one of these after: entries)");
            } else {
                visit(entry.text());
            }
        }
        path.remove(path.size() - 1);
        marks.put(environment, Mark.DONE);
    }

    /** The cycle in the order releases would flow, e.g. {@code staging -> production -> staging}. */
    private String cycle(String back) {
        List<String> waits = new ArrayList<>(path.subList(path.indexOf(back), path.size()));
        waits.add(back);
        Collections.reverse(waits);
        return String.join(" -> ", waits);
    }

    private static String quoted(Placed entry) {
        return "\"" + entry.text() + "\"";
    }
}
