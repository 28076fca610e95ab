package io.kustos.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The soak's commits, drawn from a seeded {@link Random} (the same seed gives the same sequence of
 * kinds, environments, services and values; Secret values and the age key are generated afresh):
 * ConfigMap value changes, re-encrypted SOPS Secrets, image bumps in the release repo, {@code git
 * revert} of an earlier change, bad commits (malformed YAML or an invalid object name, together with
 * a value change the daemon must hold back) each followed by the commit that fixes it, and force
 * pushes that rewrite the branch's last commit, each followed by pushing the old history back.
 */
final class SoakCommits {
    private static final String BAD_FILE = "soak/broken.yaml";
    private static final List<String> BAD_CONTENT = List.of(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: [unclosed\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Valid_Name\ndata:\n  A: \"1\"\n");
    /** How many recent changes a revert picks from. */
    private static final int REVERTABLE = 20;

    private final BenchWorkspace ws;
    private final Random random;
    private final int[][] versions;
    private final Deque<Revertable> revertable = new ArrayDeque<>();
    /** A bad commit or force push whose follow-up (the fix, the restore) is the next step. */
    private SoakStep pending;
    /** The repo and head a force push replaced, to push back. */
    private Revertable pendingRestore;
    private int value;

    private record Revertable(BenchRepo repo, String sha, String what) {
    }

    SoakCommits(BenchWorkspace ws, long seed) {
        this.ws = ws;
        this.random = new Random(seed);
        this.versions = new int[ws.shape.environments()][ws.shape.workloadsPerEnvironment()];
    }

    /** Whether the last step needs its follow-up (a fix or a restore) before the branch is in a good state. */
    boolean pending() {
        return pending != null;
    }

    /** Makes and pushes step {@code index}: the follow-up of a bad commit or force push, else a random kind. */
    SoakStep next(int index) {
        if (pending != null) {
            SoakStep before = pending;
            pending = null;
            return before.kind() == SoakStep.Kind.BAD_COMMIT ? fix(index, before) : restore(index, before);
        }
        int roll = random.nextInt(100);
        if (roll < 35) {
            return configChange(index);
        } else if (roll < 50) {
            return secretChange(index);
        } else if (roll < 70) {
            return imageBump(index);
        } else if (roll < 82) {
            return revert(index);
        } else if (roll < 92) {
            return pending = badCommit(index);
        }
        return forcePush(index);
    }

    private String env() {
        return ws.shape.environmentNames().get(random.nextInt(ws.shape.environments()));
    }

    private String nextValue() {
        return (1000 + ++value) + "ms";
    }

    private SoakStep configChange(int index) {
        String env = env();
        int svc = random.nextInt(ws.shape.servicesPerEnvironment());
        String v = nextValue();
        String what = env + "/" + BenchShape.service(svc) + " " + SyntheticRepos.CHANGED_KEY + "=" + v;
        String sha = ws.config.commit("soak " + index + ": " + what, ws.synthetic.changedConfig(env, svc, v));
        revertable(ws.config, sha, what);
        return step(index, SoakStep.Kind.CONFIG_CHANGE, what, null, null);
    }

    private SoakStep secretChange(int index) {
        String env = env();
        int svc = random.nextInt(ws.shape.servicesPerEnvironment());
        String what = env + "/" + BenchShape.service(svc) + " Secret re-encrypted with new values";
        String sha = ws.config.commit("soak " + index + ": " + what, ws.synthetic.secretFile(env, svc));
        revertable(ws.config, sha, what);
        return step(index, SoakStep.Kind.SECRET_CHANGE, what, null, null);
    }

    private SoakStep imageBump(int index) {
        int e = random.nextInt(ws.shape.environments());
        String env = ws.shape.environmentNames().get(e);
        int w = random.nextInt(ws.shape.workloadsPerEnvironment());
        versions[e][w]++;
        String what = env + "/" + BenchShape.workload(w) + " image 1.0." + versions[e][w];
        String sha = ws.releases.commit("soak " + index + ": " + what, ws.synthetic.release(env, i -> "1.0." + versions[e][i]));
        revertable(ws.releases, sha, what);
        return step(index, SoakStep.Kind.IMAGE_BUMP, what, null, null);
    }

    /** {@code git revert} of a recent change; when it does not apply cleanly (changed since), a config change instead. */
    private SoakStep revert(int index) {
        if (!revertable.isEmpty()) {
            var candidates = new ArrayList<>(revertable);
            var r = candidates.get(random.nextInt(candidates.size()));
            if (r.repo().revert(r.sha()).isPresent()) {
                revertable.remove(r);
                return step(index, SoakStep.Kind.REVERT, "revert of " + r.sha().substring(0, 10) + " (" + r.what() + ")", null, null);
            }
        }
        return configChange(index);
    }

    private SoakStep badCommit(int index) {
        String env = env();
        int svc = random.nextInt(ws.shape.servicesPerEnvironment());
        String v = nextValue();
        int kind = random.nextInt(BAD_CONTENT.size());
        var files = new java.util.HashMap<>(ws.synthetic.changedConfig(env, svc, v));
        files.put("environments/" + env + "/" + BAD_FILE, BAD_CONTENT.get(kind));
        String what = env + ": " + (kind == 0 ? "malformed YAML" : "an invalid object name") + " in " + BAD_FILE + ", and "
                + BenchShape.service(svc) + " " + SyntheticRepos.CHANGED_KEY + "=" + v;
        ws.config.commit("soak " + index + ": " + what, files);
        return step(index, SoakStep.Kind.BAD_COMMIT, what, env,
                new SoakStep.HeldValue(BenchShape.service(svc) + "-config", SyntheticRepos.CHANGED_KEY, v));
    }

    private SoakStep fix(int index, SoakStep bad) {
        ws.config.delete("soak " + index + ": fix " + bad.env() + " (remove " + BAD_FILE + ")", List.of("environments/" + bad.env() + "/" + BAD_FILE));
        return step(index, SoakStep.Kind.FIX, "fix of step " + bad.index() + ": " + BAD_FILE + " removed from " + bad.env(), bad.env(), bad.held());
    }

    /** Rewrites the last commit of one repo (a value change instead) and force-pushes; a config change when there is nothing to rewrite. */
    private SoakStep forcePush(int index) {
        BenchRepo repo = random.nextBoolean() ? ws.config : ws.releases;
        String before = repo.head();
        String env = env();
        Map<String, String> files = repo == ws.config ? ws.synthetic.changedConfig(env, 0, nextValue())
                : ws.synthetic.release(env, i -> "9.9." + index);
        var rewritten = repo.forcePushRewrite("soak " + index + ": rewritten history", files);
        if (rewritten.isEmpty()) {
            return configChange(index);
        }
        revertable.removeIf(r -> r.repo() == repo && r.sha().equals(before));
        pending = step(index, SoakStep.Kind.FORCE_PUSH, repo.name() + " force-pushed: " + before.substring(0, 10) + " replaced by "
                + rewritten.get().substring(0, 10), null, null);
        pendingRestore = new Revertable(repo, before, "");
        return pending;
    }

    private SoakStep restore(int index, SoakStep forced) {
        pendingRestore.repo().restore(pendingRestore.sha());
        String what = pendingRestore.repo().name() + " restored to " + pendingRestore.sha().substring(0, 10) + " (after step " + forced.index() + ")";
        pendingRestore = null;
        return step(index, SoakStep.Kind.RESTORE, what, null, null);
    }

    private void revertable(BenchRepo repo, String sha, String what) {
        revertable.addLast(new Revertable(repo, sha, what));
        while (revertable.size() > REVERTABLE) {
            revertable.removeFirst();
        }
    }

    private SoakStep step(int index, SoakStep.Kind kind, String what, String env, SoakStep.HeldValue held) {
        return new SoakStep(index, kind, what, ws.config.head(), ws.releases.head(), env, held);
    }
}
