package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kustos.apply.ServerSideApplier;
import io.kustos.config.Target;
import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.diff.DiffPrinter;
import io.kustos.diff.Differ;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.plan.Planner;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.Labels;
import io.kustos.render.Renderer;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.MemorySnapshot;
import io.kustos.source.Revision;
import io.kustos.testsupport.SopsFiles;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The large inputs of issue 15 through every step that holds their values: a Secret with a
 * 1.1 MiB value, SOPS-encrypted for an age key made for this run, and a ConfigMap file of 4.9 MiB
 * that is one value. Decrypt and render, diff against a cluster holding other values, plan, build
 * and serialize the apply bodies, print the diff. Run as a child process with a small heap by
 * {@link LargeInputsStayWithinASmallHeapTest}; prints one line per step:
 * {@code step <name> <input bytes> <allocated bytes> <cpu ns>}, then {@code done}.
 */
public final class LargeInputs {
    static final int SECRET_VALUE_BYTES = 1_100 * 1024;
    static final int CONFIGMAP_VALUE_BYTES = 4_900 * 1024;
    private static final com.sun.management.ThreadMXBean THREAD = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LargeInputs() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("kustos-large");
        try {
            run(tmp);
        } finally {
            try (var all = Files.walk(tmp)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void run(Path tmp) throws Exception {
        var key = SopsFiles.newAgeKey(tmp);
        byte[] blob = SopsFiles.randomBytes(SECRET_VALUE_BYTES);
        String secret = SopsFiles.encryptForAge(tmp, key.recipient(), """
                apiVersion: v1
                kind: Secret
                metadata: {name: big-secret}
                data:
                  BLOB: %s
                """.formatted(Base64.getEncoder().encodeToString(blob)));
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big-config}\ndata:\n  VALUE: "
                + "v".repeat(CONFIGMAP_VALUE_BYTES) + "\n";
        var files = new HashMap<String, String>();
        files.put("environments/staging/app/secret.yaml", secret);
        files.put("environments/staging/app/config.yaml", configMap);
        long input = secret.length() + (long) configMap.length();
        var commit = new CommitInfo("1".repeat(40), "Ada", "ada@example.com", Instant.EPOCH, "large");
        var repo = MemorySnapshot.ofText(new Revision("main", "1".repeat(40)), commit, files);
        secret = null;
        configMap = null;
        files = null;

        var renderer = new Renderer(new SopsDecryptor(KeyRing.of(List.of(key.file()), List.of(), null)));
        var target = new Target("staging", "staging", null, null, null, false);
        List<DesiredConfig> configs = step("decrypt+render", input, () -> renderer.renderConfigs(repo, target));
        var revisions = new SourceRevisions(new Revision("main", "1".repeat(40)), commit, new Revision("main", "2".repeat(40)), commit);
        var desired = new DesiredState("staging", "staging", revisions, configs, List.of(), List.of(), "sha256:x");
        var live = new LiveState(Map.of(configs.get(0).key(), otherValues(configs.get(0)), configs.get(1).key(), otherValues(configs.get(1))), Map.of());
        var diff = step("diff", input, () -> new Differ().diff(desired, live));
        var plan = step("plan", input, () -> new Planner().plan(diff));
        var json = new KubernetesSerialization();
        step("apply bodies", input, () -> plan.configs().stream().mapToLong(c -> {
            var body = ServerSideApplier.body(c, revisions);
            var typed = c.key().kind().equals("Secret") ? json.convertValue(body, Secret.class) : json.convertValue(body, ConfigMap.class);
            return json.asJson(typed).length();
        }).sum());
        step("printed diff", input, () -> new DiffPrinter().unified(diff).length());
        if (plan.configs().size() != 2) {
            throw new AssertionError("expected two objects to apply, got " + plan.configs());
        }
        System.out.println("done");
    }

    /** The object as the cluster would hold it with every value changed. */
    private static LiveConfig otherValues(DesiredConfig d) {
        var entries = new TreeMap<String, ConfigValue>();
        d.entries().forEach((k, v) -> entries.put(k, v.binary() ? ConfigValue.bytes("old".getBytes(StandardCharsets.UTF_8)) : ConfigValue.text("old")));
        var labels = new TreeMap<String, String>();
        labels.put(Labels.MANAGED_BY, "kustos");
        labels.put(Labels.ENVIRONMENT, "staging");
        return new LiveConfig(d.key(), d.type(), labels, new TreeMap<>(), entries, Set.copyOf(entries.keySet()), labels.keySet(), Set.of());
    }

    private static <T> T step(String name, long input, Supplier<T> work) {
        long allocated = THREAD.getCurrentThreadAllocatedBytes();
        long cpu = THREAD.getCurrentThreadCpuTime();
        T result = work.get();
        System.out.println("step " + name + " " + input + " " + (THREAD.getCurrentThreadAllocatedBytes() - allocated)
                + " " + (THREAD.getCurrentThreadCpuTime() - cpu));
        return result;
    }
}
