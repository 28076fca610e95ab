package io.kustos.bench;

import io.kustos.history.History;
import io.kustos.history.HistoryRecord;
import io.kustos.outcome.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each environment's history must hold, from what the soak pushed and the daemon reported:
 * one {@code applied} record per revision that changed the environment's objects (found by
 * comparing the git trees of the environment's files with the last revision it applied), at most
 * one {@code failed} record per refused bad commit, nothing else, no record twice, and the state's
 * last good revision at the last revision the environment applied. Histories keep only their newest records, so {@link #audit} runs
 * often enough that every expected record is seen by one audit at least.
 */
final class SoakLedger {
    private final BenchWorkspace ws;
    private final Map<String, List<String>> expected = new LinkedHashMap<>();
    private final Map<String, String[]> lastApplied = new HashMap<>();
    private final Map<String, Set<String>> refused = new HashMap<>();
    private final Map<String, Integer> verified = new HashMap<>();

    SoakLedger(BenchWorkspace ws, String config, String releases) {
        this.ws = ws;
        for (String env : ws.shape.environmentNames()) {
            expected.put(env, new ArrayList<>(List.of(key(config, releases))));
            lastApplied.put(env, new String[] {config, releases});
            refused.put(env, new HashSet<>());
            verified.put(env, 0);
        }
    }

    /** The daemon applied (or refused, in {@code refusedEnv}) the step's heads. */
    void reached(SoakStep step, String refusedEnv) {
        for (String env : ws.shape.environmentNames()) {
            if (env.equals(refusedEnv)) {
                refused.get(env).add(key(step.config(), step.releases()));
                continue;
            }
            String[] last = lastApplied.get(env);
            boolean changed = !ws.config.changedPaths(last[0], step.config(), "environments/" + env + "/").isEmpty()
                    || !ws.releases.changedPaths(last[1], step.releases(), SyntheticRepos.releasePath(env)).isEmpty();
            if (changed) {
                expected.get(env).add(key(step.config(), step.releases()));
            }
            lastApplied.put(env, new String[] {step.config(), step.releases()});
        }
    }

    int expectedRecords() {
        return expected.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Compares one environment's history with what it must hold; @return the problems found (empty: complete).
     * {@code limit}: the records the history keeps.
     */
    List<String> audit(String env, History history, int limit) {
        var problems = new ArrayList<String>();
        var seen = new HashSet<String>();
        var appliedRecords = new ArrayList<String>();
        var oldestFirst = new ArrayList<>(history.records());
        java.util.Collections.reverse(oldestFirst);
        for (HistoryRecord r : oldestFirst) {
            String key = key(sha(r.config()), sha(r.releases()));
            if (!seen.add(r.outcome().name() + " " + key)) {
                problems.add(env + ": record #" + r.number() + " (" + r.outcome() + ", " + key + ") is a duplicate");
            }
            if (r.outcome() == Outcome.APPLIED) {
                appliedRecords.add(key);
            } else if (r.outcome() != Outcome.FAILED || !refused.get(env).contains(key)) {
                problems.add(env + ": unexpected record #" + r.number() + " " + r.outcome() + " of " + key
                        + (r.message() == null ? "" : ": " + r.message()));
            }
        }
        List<String> want = expected.get(env);
        int n = Math.min(appliedRecords.size(), want.size());
        if (!appliedRecords.equals(want.subList(want.size() - n, want.size()))) {
            problems.add(env + ": the applied records " + shortKeys(appliedRecords) + " are not the last " + n + " revisions that changed it " + shortKeys(want.subList(want.size() - n, want.size())));
        }
        if (history.records().size() < limit && appliedRecords.size() != want.size()) {
            problems.add(env + ": " + appliedRecords.size() + " applied records, " + want.size() + " revisions changed it (none dropped by history.limit " + limit + ")");
        }
        int unseen = want.size() - verified.get(env);
        if (n < unseen) {
            problems.add(env + ": " + unseen + " revisions since the last audit but only " + n + " records kept: audit more often or raise history.limit");
        }
        if (problems.isEmpty()) {
            verified.put(env, want.size());
        }
        var good = history.state().lastGood();
        String[] applied = lastApplied.get(env);
        if (good == null || !good.config().toString().endsWith(applied[0]) || !good.releases().toString().endsWith(applied[1])) {
            problems.add(env + ": last good revision " + good + ", the last revision it applied is " + key(applied[0], applied[1]));
        }
        return problems;
    }

    private static String sha(String revision) {
        return revision.substring(revision.lastIndexOf(':') + 1);
    }

    private static String key(String config, String releases) {
        return config + "/" + releases;
    }

    private static String shortKeys(List<String> keys) {
        return keys.stream().map(k -> k.substring(0, 7) + "/" + k.substring(41, 48)).toList().toString();
    }
}
