package io.kustos.decrypt.sops;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the {@code sops:} block (as a nested {@link Branch}). Writes fields sorted by
 * name and leaves out empty ones, as sops 3.9 and later do.
 */
public final class MetadataCodec {
    private MetadataCodec() {
    }

    public static Metadata read(Branch sops, String file) {
        String lastModified = scalar(sops.get("lastmodified"));
        if (lastModified == null || lastModified.isEmpty()) {
            throw new SopsException(file, "sops.lastmodified", SopsException.Kind.FORMAT, "the sops block has no lastmodified");
        }
        try {
            OffsetDateTime.parse(lastModified);
        } catch (DateTimeParseException e) {
            throw new SopsException(file, "sops.lastmodified", SopsException.Kind.FORMAT, "lastmodified is not an RFC 3339 time");
        }
        Map<String, String> ruleFields = new HashMap<>();
        for (String f : SelectionRules.FIELDS) {
            ruleFields.put(f, scalar(sops.get(f)));
        }
        SelectionRules rules;
        try {
            rules = SelectionRules.of(ruleFields, "true".equalsIgnoreCase(scalar(sops.get("mac_only_encrypted"))));
        } catch (IllegalArgumentException e) {
            throw new SopsException(file, "sops", SopsException.Kind.FORMAT, e.getMessage());
        }
        int threshold = 0;
        String t = scalar(sops.get("shamir_threshold"));
        if (t != null && !t.isEmpty()) {
            try {
                threshold = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new SopsException(file, "sops.shamir_threshold", SopsException.Kind.FORMAT, "not a number");
            }
        }
        List<KeyGroup> groups = new ArrayList<>();
        KeyGroup top = group(sops, file, "sops");
        if (!top.isEmpty()) {
            groups.add(top);
        } else if (sops.get("key_groups") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Branch b) {
                    groups.add(group(b, file, "sops.key_groups[" + i + "]"));
                } else if (!(list.get(i) instanceof Comment)) {
                    throw new SopsException(file, "sops.key_groups[" + i + "]", SopsException.Kind.FORMAT, "a key group must be a mapping");
                }
            }
        }
        String mac = scalar(sops.get("mac"));
        String version = scalar(sops.get("version"));
        return new Metadata(lastModified, mac == null ? "" : mac, version == null ? "" : version, rules, groups, threshold);
    }

    private static KeyGroup group(Branch b, String file, String where) {
        Map<String, List<Map<String, String>>> entries = new LinkedHashMap<>();
        for (String type : KeyGroup.TYPES) {
            Object v = b.get(type);
            if (v == null) {
                continue;
            }
            if (!(v instanceof List<?> list)) {
                throw new SopsException(file, where + "." + type, SopsException.Kind.FORMAT, "must be a list of master keys");
            }
            List<Map<String, String>> out = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Branch entry) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (Branch.Entry e : entry.entries()) {
                        if (e.key() instanceof String k && scalar(e.value()) != null) {
                            fields.put(k, scalar(e.value()));
                        }
                    }
                    out.add(fields);
                } else if (!(item instanceof Comment)) {
                    throw new SopsException(file, where + "." + type, SopsException.Kind.FORMAT, "a master key must be a mapping");
                }
            }
            if (!out.isEmpty()) {
                entries.put(type, out);
            }
        }
        return new KeyGroup(entries);
    }

    /** The sops block as sops writes it: fields sorted by name, empty ones left out. */
    public static Branch write(Metadata m) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("lastmodified", m.lastModified());
        fields.put("mac", m.mac());
        fields.put("version", m.version());
        fields.putAll(m.rules().fields());
        if (m.rules().macOnlyEncrypted()) {
            fields.put("mac_only_encrypted", Boolean.TRUE);
        }
        if (m.keyGroups().size() == 1) {
            fields.putAll(groupFields(m.keyGroups().get(0)));
        } else if (m.keyGroups().size() > 1) {
            List<Object> groups = new ArrayList<>();
            for (KeyGroup g : m.keyGroups()) {
                Branch gb = new Branch();
                new TreeMap<>(groupFields(g)).forEach(gb::put);
                groups.add(gb);
            }
            fields.put("key_groups", groups);
            fields.put("shamir_threshold", (long) (m.shamirThreshold() == 0 ? m.keyGroups().size() : m.shamirThreshold()));
        }
        Branch out = new Branch();
        fields.forEach(out::put);
        return out;
    }

    private static Map<String, Object> groupFields(KeyGroup g) {
        Map<String, Object> out = new TreeMap<>();
        g.entries().forEach((type, list) -> {
            List<Object> items = new ArrayList<>();
            for (Map<String, String> e : list) {
                Branch eb = new Branch();
                new TreeMap<>(e).forEach(eb::put);
                items.add(eb);
            }
            if (!items.isEmpty()) {
                out.put(type, items);
            }
        });
        return out;
    }

    /** A scalar as text (weakly typed, as sops reads metadata); null for missing, null or structured values. */
    static String scalar(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long || v instanceof Double) {
            return PlainValues.text(v);
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return null;
    }
}
