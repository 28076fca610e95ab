package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.render.ConfigValue;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes the parts of an object Kustos manages as YAML lines for a diff. Secret values are written
 * only as a {@link SecretMask} says (a keyed fingerprint, or {@code ***}), never with their
 * length; a ConfigMap's binary values as a fingerprint and their length.
 */
final class ObjectView {
    private final List<String> lines = new ArrayList<>();

    /** The parts of a ConfigMap or Secret a diff shows. */
    record Parts(SortedMap<String, String> labels, SortedMap<String, String> annotations, SortedMap<String, ConfigValue> entries,
                 String type) {
        static Parts of(LiveConfig live) {
            return new Parts(live.labels(), live.annotations(), live.entries(), live.type());
        }
    }

    /** @param mask how a Secret's values are written (unused for a ConfigMap) */
    static List<String> config(ObjectKey key, Parts parts, SecretMask mask) {
        var v = new ObjectView();
        boolean secret = key.kind().equals("Secret");
        v.header(key, parts.labels(), secret ? hideValues(parts.annotations(), mask) : parts.annotations());
        var text = new java.util.TreeMap<String, ConfigValue>();
        var binary = new java.util.TreeMap<String, ConfigValue>();
        parts.entries().forEach((k, val) -> (secret || !val.binary() ? text : binary).put(k, val));
        if (!binary.isEmpty()) {
            v.lines.add("binaryData:");
            binary.forEach((k, val) -> v.lines.add("  " + k + ": '" + val.fingerprint(key + "/" + k) + "' # " + val.length()
                    + " bytes, value hidden"));
        }
        if (!text.isEmpty()) {
            v.lines.add("data:");
            text.forEach((k, val) -> v.value(k, secret ? "'" + mask.text(k, val) + "' # value hidden" : null, val));
        }
        if (parts.type() != null) {
            v.lines.add("type: " + parts.type());
        }
        return v.lines;
    }

    static List<String> workload(ObjectKey key, SortedMap<String, String> annotations, Map<String, String> images, String configHash) {
        var v = new ObjectView();
        v.header(key, new java.util.TreeMap<>(), annotations);
        v.lines.add("spec:");
        v.lines.add("  template:");
        if (configHash != null) {
            v.lines.add("    metadata:");
            v.lines.add("      annotations:");
            v.lines.add("        kustos.io/config-hash: " + configHash);
        }
        v.lines.add("    spec:");
        v.lines.add("      containers:");
        images.forEach((c, image) -> {
            v.lines.add("      - name: " + c);
            v.lines.add("        image: " + image);
        });
        return v.lines;
    }

    /**
     * A Secret's annotations can hold its data (kubectl's last-applied-configuration does): only
     * Kustos's own are shown in clear, every other value as the mask says.
     */
    private static SortedMap<String, String> hideValues(SortedMap<String, String> annotations, SecretMask mask) {
        var out = new java.util.TreeMap<String, String>();
        annotations.forEach((k, v) -> out.put(k, k.startsWith(io.kustos.render.Labels.RESERVED_PREFIX) ? v
                : mask.text(SecretMask.ANNOTATION + k, ConfigValue.text(v)) + " (value hidden)"));
        return out;
    }

    private void header(ObjectKey key, SortedMap<String, String> labels, SortedMap<String, String> annotations) {
        lines.add("apiVersion: " + key.apiVersion());
        lines.add("kind: " + key.kind());
        lines.add("metadata:");
        map("  ", "annotations", annotations);
        map("  ", "labels", labels);
        lines.add("  name: " + key.name());
        lines.add("  namespace: " + key.namespace());
    }

    private void map(String indent, String name, SortedMap<String, String> map) {
        if (map.isEmpty()) {
            return;
        }
        lines.add(indent + name + ":");
        map.forEach((k, v) -> lines.add(indent + "  " + k + ": " + scalar(v)));
    }

    private void value(String k, String redacted, ConfigValue val) {
        if (redacted != null) {
            lines.add("  " + k + ": " + redacted);
            return;
        }
        String text = val.text();
        if (!text.contains("\n")) {
            lines.add("  " + k + ": " + scalar(text));
            return;
        }
        lines.add("  " + k + ": |" + (text.endsWith("\n") ? "" : "-"));
        for (String line : text.split("\n", -1)) {
            lines.add(line.isEmpty() ? "" : "    " + line);
        }
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
    }

    private static String scalar(String s) {
        if (s.isEmpty() || !s.matches("[A-Za-z0-9_./:@=,;+-][A-Za-z0-9_./:@=,; +-]*") || s.endsWith(" ")
                || s.matches("(?i)true|false|null|yes|no|on|off|~|[-+]?[0-9.eE_]+")) {
            return "'" + s.replace("'", "''") + "'";
        }
        return s;
    }
}
