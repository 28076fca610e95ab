package io.kustos.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.config.Durations;
import io.kustos.config.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads {@code environments/<env>/release.yaml} of the release repo. */
final class ReleaseManifestReader {
    static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(10);
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "environment", "workloads", "hooks");
    private static final Set<String> WORKLOAD = Set.of("name", "kind", "containers");
    private static final Set<String> HOOKS = Set.of("preDeploy");
    private static final Set<String> HOOK = Set.of("name", "workload", "command", "timeout");
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    /** What the manifest says. */
    record Release(List<DesiredWorkload> workloads, List<PreDeployHook> hooks) {
    }

    private final Target target;

    ReleaseManifestReader(Target target) {
        this.target = target;
    }

    Release read(List<YamlDocuments.Document> docs, Problems file) {
        if (docs.size() != 1 || !docs.get(0).node().isObject()) {
            file.add("", "a release manifest is one YAML mapping (apiVersion: kustos.io/v1, kind: Release)");
            return new Release(List.of(), List.of());
        }
        Problems p = file.inDocument(docs.get(0).index(), false);
        var r = new NodeReader(p);
        JsonNode node = docs.get(0).node();
        r.onlyKnown(node, "", TOP);
        expect(r, node, "apiVersion", "kustos.io/v1");
        expect(r, node, "kind", "Release");
        String env = r.requiredText(node, "", "environment");
        if (env != null && !env.equals(target.environment())) {
            p.add("environment", "says " + env + " but the file is in environments/" + target.environment());
        }
        var workloads = workloads(r, node.get("workloads"));
        var hooks = hooks(r, node.get("hooks"), workloads);
        return new Release(workloads, hooks);
    }

    private static void expect(NodeReader r, JsonNode node, String field, String want) {
        String v = r.requiredText(node, "", field);
        if (v != null && !v.equals(want)) {
            r.problems().add(field, "must be " + want + ", not " + v);
        }
    }

    private List<DesiredWorkload> workloads(NodeReader r, JsonNode list) {
        var out = new ArrayList<DesiredWorkload>();
        Problems p = r.problems();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            p.add("workloads", "must be a list");
            return out;
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            String path = "workloads[" + i + "]";
            JsonNode w = list.get(i);
            if (!w.isObject()) {
                p.add(path, "must be a mapping");
                continue;
            }
            r.onlyKnown(w, path, WORKLOAD);
            String name = r.requiredText(w, path, "name");
            String kind = r.optionalText(w, path, "kind");
            kind = kind == null ? "Deployment" : kind;
            if (!KINDS.contains(kind)) {
                p.add(path + ".kind", kind + " is not a workload kind Kustos updates (Deployment, StatefulSet, DaemonSet)");
            }
            if (name == null) {
                continue;
            }
            KubeNames.checkSubdomain(name).ifPresent(m -> p.add(path + ".name", '"' + name + "\" " + m));
            if (!seen.add(kind + "/" + name)) {
                p.add(path + ".name", kind + " " + name + " is listed twice");
            }
            var images = images(r, w, path);
            out.add(new DesiredWorkload(new ObjectKey("apps/v1", kind, target.namespace(), name), images, p.file(), path));
        }
        return out;
    }

    private TreeMap<String, String> images(NodeReader r, JsonNode w, String path) {
        var images = new TreeMap<>(r.stringMap(w, path, "containers"));
        if (images.isEmpty()) {
            r.problems().add(path + ".containers", "name at least one container and its image");
        }
        images.forEach((container, image) -> {
            String cp = path + ".containers." + container;
            KubeNames.checkLabel(container).ifPresent(m -> r.problems().add(cp, "container name " + m));
            try {
                ImageReference ref = ImageReference.parse(image);
                ref.mutability().filter(m -> !target.allowMutableTags()).ifPresent(m -> r.problems().add(cp,
                        '"' + image + "\" " + m + "; pin a version or digest, or set allowMutableTags on target "
                                + target.environment()));
            } catch (IllegalArgumentException e) {
                r.problems().add(cp, e.getMessage());
            }
        });
        return images;
    }

    private List<PreDeployHook> hooks(NodeReader r, JsonNode hooks, List<DesiredWorkload> workloads) {
        var out = new ArrayList<PreDeployHook>();
        Problems p = r.problems();
        if (hooks == null || hooks.isNull()) {
            return out;
        }
        if (!hooks.isObject()) {
            p.add("hooks", "must be a mapping");
            return out;
        }
        r.onlyKnown(hooks, "hooks", HOOKS);
        JsonNode list = hooks.get("preDeploy");
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            p.add("hooks.preDeploy", "must be a list");
            return out;
        }
        var names = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            String path = "hooks.preDeploy[" + i + "]";
            JsonNode h = list.get(i);
            if (!h.isObject()) {
                p.add(path, "must be a mapping");
                continue;
            }
            r.onlyKnown(h, path, HOOK);
            String name = r.requiredText(h, path, "name");
            String workload = r.requiredText(h, path, "workload");
            if (name != null) {
                KubeNames.checkLabel(name).ifPresent(m -> p.add(path + ".name", '"' + name + "\" " + m));
                if (!names.add(name)) {
                    p.add(path + ".name", "hook " + name + " is listed twice");
                }
            }
            if (workload != null && workloads.stream().noneMatch(w -> w.key().name().equals(workload))) {
                p.add(path + ".workload", workload + " is not one of this release's workloads");
            }
            List<String> command = command(r, h, path);
            Duration timeout = timeout(r, h, path);
            if (name != null && workload != null) {
                out.add(new PreDeployHook(name, workload, command, timeout, path));
            }
        }
        return out;
    }

    private static List<String> command(NodeReader r, JsonNode h, String path) {
        var out = new ArrayList<String>();
        JsonNode c = h.get("command");
        if (c == null || !c.isArray() || c.isEmpty()) {
            r.problems().add(path + ".command", "give the command as a non-empty list of strings");
            return out;
        }
        for (int i = 0; i < c.size(); i++) {
            String s = r.text(c.get(i), path + ".command[" + i + "]");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static Duration timeout(NodeReader r, JsonNode h, String path) {
        String t = r.optionalText(h, path, "timeout");
        if (t == null) {
            return DEFAULT_HOOK_TIMEOUT;
        }
        var d = Durations.parse(t);
        if (d.isEmpty()) {
            r.problems().add(path + ".timeout", '"' + t + "\" is not a duration (use e.g. 30s, 5m, 1h30m)");
            return DEFAULT_HOOK_TIMEOUT;
        }
        if (d.get().isZero() || d.get().isNegative()) {
            r.problems().add(path + ".timeout", "must be positive");
        }
        return d.get();
    }
}
