package io.kustos.diff;

import com.github.difflib.UnifiedDiffUtils;
import io.kustos.live.LiveConfig;
import io.kustos.render.ConfigValue;
import io.kustos.render.Credit;
import io.kustos.render.DesiredConfig;
import io.kustos.render.Labels;
import io.kustos.render.SourceRevisions;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prints a {@link Diff} as {@code kubectl diff} does: a unified diff per object between the live
 * object and the object as it will be after the apply. Secret values show as keyed fingerprints
 * ({@link SecretFingerprints}), or as {@code ***} without a key; never their length.
 */
public final class DiffPrinter {
    /** The annotations that credit a write to a commit ({@link Credit}). */
    private static final java.util.Set<String> CREDIT = java.util.Set.of(Labels.REVISION, Labels.AUTHOR);

    public String unified(Diff diff) {
        return unified(diff, false, false);
    }

    /**
     * {@link #unified} for a preview: without the {@code kustos.io/revision} and {@code kustos.io/author}
     * annotations on either side (live and merged), whose values there (the previewed ref and its author) are not what a merge would
     * write (the merged commit's). The dry run still writes them.
     */
    public String preview(Diff diff) {
        return unified(diff, false, true);
    }

    /**
     * {@link #unified} for a cluster that drifted from the revision Kustos applied (no new
     * commit): each object's diff opens with a line that says so and who changed it,
     * {@code # drifted from revision config=…;releases=… by kubectl-patch (changed in the cluster, not by a commit)}.
     */
    public String drift(Diff diff) {
        return unified(diff, true, false);
    }

    private String unified(Diff diff, boolean drift, boolean uncredited) {
        var out = new StringBuilder();
        SourceRevisions rev = diff.desired().revisions();
        for (ConfigChange c : diff.configs()) {
            var live = c.live() == null ? null : uncredited(ObjectView.Parts.of(c.live()), uncredited);
            var merged = uncredited(merged(c, drift ? c.keptCredit(rev) : Credit.ofConfig(rev)), uncredited);
            var masks = SecretMask.pair(c.key(), diff.fingerprints(), live, merged);
            List<String> before = live == null ? List.of() : ObjectView.config(c.key(), live, masks.live());
            List<String> after = ObjectView.config(c.key(), merged, masks.merged());
            int start = out.length();
            append(out, c.key().apiVersion().replace('/', '.') + "." + c.key().kind() + "." + c.key().namespace() + "." + c.key().name(),
                    before, after);
            label(out, start, drift, rev, c.live() == null ? List.of() : c.entries().stream()
                    .flatMap(e -> c.live().entryManagers().getOrDefault(e.key(), new TreeSet<>()).stream()).toList());
        }
        for (LiveConfig p : diff.prunes()) {
            int start = out.length();
            var live = uncredited(ObjectView.Parts.of(p), uncredited);
            append(out, p.key().apiVersion().replace('/', '.') + "." + p.key().kind() + "." + p.key().namespace() + "." + p.key().name(),
                    ObjectView.config(p.key(), live, SecretMask.pair(p.key(), diff.fingerprints(), live, null).live()), List.of());
            label(out, start, drift, rev, List.of());
        }
        for (WorkloadChange w : diff.workloads()) {
            var annotations = new TreeMap<>(w.live().annotations());
            annotations.keySet().removeIf(k -> !k.startsWith(Labels.RESERVED_PREFIX));
            var afterAnnotations = new TreeMap<>(annotations);
            (drift ? w.keptCredit(rev) : Credit.ofReleases(rev)).writeTo(afterAnnotations);
            if (uncredited) { // from both sides: the live object's credit is not what the merge removes
                annotations.keySet().removeAll(CREDIT);
                afterAnnotations.keySet().removeAll(CREDIT);
            }
            var before = ObjectView.workload(w.key(), annotations, w.live().images(), w.oldHash());
            var images = new TreeMap<>(w.live().images());
            images.putAll(w.desired().images());
            var after = ObjectView.workload(w.key(), afterAnnotations, images, w.newHash());
            int start = out.length();
            append(out, w.key().apiVersion().replace('/', '.') + "." + w.key().kind() + "." + w.key().namespace() + "." + w.key().name(),
                    before, after);
            label(out, start, drift, rev, List.of());
        }
        return out.toString();
    }

    /** For drift, the line before an object's diff (appended from {@code start}, if any): since which revision, by whom. */
    private static void label(StringBuilder out, int start, boolean drift, SourceRevisions rev, List<String> managers) {
        if (!drift || out.length() == start) {
            return;
        }
        var names = new TreeSet<>(managers);
        out.insert(start, "# drifted from revision " + rev.pair().annotation() + (names.isEmpty() ? "" : " by " + String.join(", ", names))
                + " (changed in the cluster, not by a commit)\n");
    }

    /** One line per changed object, for logs and the apply output. */
    public List<String> summary(Diff diff) {
        var lines = new java.util.ArrayList<String>();
        for (ConfigChange c : diff.configs()) {
            var parts = new java.util.ArrayList<String>();
            if (c.creates()) {
                parts.add("created with " + c.entries().size() + " key" + (c.entries().size() == 1 ? "" : "s"));
            } else {
                c.entries().forEach(e -> parts.add(e.key() + " " + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (e.kind() == EntryChange.Kind.CHANGED && e.shown() ? " (" + e.before() + " -> " + e.after() + ")" : "")));
                parts.addAll(c.metadata());
            }
            lines.add((c.creates() ? "+ " : "~ ") + c.key() + ": " + String.join(", ", parts));
        }
        for (LiveConfig p : diff.prunes()) {
            lines.add("- " + p.key() + ": pruned (no longer in git)");
        }
        for (WorkloadChange w : diff.workloads()) {
            var parts = new java.util.ArrayList<String>();
            w.oldImages().forEach((container, old) -> parts.add("image " + container + " " + old + " -> " + w.desired().images().get(container)));
            if (w.restartsForConfig()) {
                parts.add(w.oldHash() == null ? "config hash set (rolling restart)" : "config changed (rolling restart)");
            }
            lines.add("~ " + w.key() + ": " + String.join(", ", parts));
        }
        return lines;
    }

    /**
     * One short phrase per changed object, naming keys and never values or fingerprints, for
     * Events: {@code ConfigMap/app-config (keys: LOG_LEVEL changed)}, {@code Secret/db created},
     * {@code Deployment/app restarted}, {@code Deployment/web updated to r.example.com/web:2.0.0},
     * {@code ConfigMap/old pruned}. The namespace is named only when it is not the target's.
     */
    public List<String> changes(Diff diff) {
        String home = diff.desired().namespace();
        var out = new java.util.ArrayList<String>();
        for (ConfigChange c : diff.configs()) {
            if (c.creates()) {
                out.add(name(c.key(), home) + " created");
                continue;
            }
            var parts = new java.util.ArrayList<String>();
            if (!c.entries().isEmpty()) {
                parts.add("keys: " + String.join(", ", c.entries().stream()
                        .map(e -> e.key() + " " + e.kind().name().toLowerCase(java.util.Locale.ROOT)).toList()));
            }
            parts.addAll(c.metadata());
            out.add(name(c.key(), home) + " (" + String.join("; ", parts) + ")");
        }
        for (WorkloadChange w : diff.workloads()) {
            if (!w.newVersion()) {
                out.add(name(w.key(), home) + " restarted");
                continue;
            }
            String images = String.join(", ", w.oldImages().keySet().stream().map(c -> w.desired().images().get(c)).toList());
            out.add(name(w.key(), home) + " updated to " + images + (w.restartsForConfig() ? " (config changed)" : ""));
        }
        for (LiveConfig p : diff.prunes()) {
            out.add(name(p.key(), home) + " pruned");
        }
        return out;
    }

    private static String name(io.kustos.render.ObjectKey key, String home) {
        return key.kind() + "/" + (key.namespace().equals(home) ? "" : key.namespace() + "/") + key.name();
    }

    private static ObjectView.Parts merged(ConfigChange c, Credit credit) {
        DesiredConfig d = c.desired();
        var labels = new TreeMap<String, String>();
        var annotations = new TreeMap<String, String>();
        var entries = new TreeMap<String, ConfigValue>();
        if (c.live() != null) {
            keepForeign(c.live().labels(), c.live().ownedLabels(), labels);
            keepForeign(c.live().annotations(), c.live().ownedAnnotations(), annotations);
            keepForeign(c.live().entries(), c.live().ownedEntries(), entries);
        }
        labels.putAll(d.labels());
        annotations.putAll(d.annotations());
        credit.writeTo(annotations);
        entries.putAll(d.entries());
        return new ObjectView.Parts(labels, annotations, entries, d.type());
    }

    /** {@code parts} without the credit annotations when {@code uncredited}. */
    private static ObjectView.Parts uncredited(ObjectView.Parts parts, boolean uncredited) {
        if (!uncredited) {
            return parts;
        }
        var annotations = new TreeMap<>(parts.annotations());
        annotations.keySet().removeAll(CREDIT);
        return new ObjectView.Parts(parts.labels(), annotations, parts.entries(), parts.type());
    }

    /** What another manager owns stays; what Kustos owned goes unless git still has it. */
    private static <V> void keepForeign(SortedMap<String, V> live, java.util.Set<String> owned, SortedMap<String, V> out) {
        live.forEach((k, v) -> {
            if (!owned.contains(k)) {
                out.put(k, v);
            }
        });
    }

    private static void append(StringBuilder out, String name, List<String> before, List<String> after) {
        var patch = LineDiff.of(before, after);
        if (patch.getDeltas().isEmpty()) {
            return;
        }
        String left = "live/" + name;
        String right = "merged/" + name;
        out.append("diff -u -N ").append(left).append(' ').append(right).append('\n');
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(left, right, before, patch, 3)) {
            out.append(gnuHunkHeader(line)).append('\n');
        }
    }

    private static final java.util.regex.Pattern EMPTY_SIDE = java.util.regex.Pattern.compile("([-+])\\d+,0\\b");

    /**
     * java-diff-utils numbers an empty side of a hunk {@code -1,0}; GNU diff (and so kubectl diff,
     * patch, and every diff viewer) numbers it {@code -0,0}. Other lines pass unchanged.
     */
    static String gnuHunkHeader(String line) {
        return line.startsWith("@@ ") ? EMPTY_SIDE.matcher(line).replaceAll("$10,0") : line;
    }
}
