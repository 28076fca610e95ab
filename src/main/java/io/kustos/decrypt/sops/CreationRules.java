package io.kustos.decrypt.sops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code creation_rules} of a {@code .sops.yaml}; the first rule whose path_regex matches a file applies. */
public final class CreationRules {
    public static final String FILE_NAME = ".sops.yaml";
    private static final Set<String> KNOWN = Set.of("path_regex", "age", "pgp", "key_groups", "shamir_threshold",
            "mac_only_encrypted", "unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex",
            "unencrypted_comment_regex", "encrypted_comment_regex");

    private final String name;
    private final Path dir;
    private final List<Entry> entries;

    /** One creation_rules item, its path_regex compiled; the rest is read only when a file needs the rule. */
    private record Entry(CoveringRule ref, Pattern pathRegex, Branch body) {
        boolean covers(String relativePath) {
            return pathRegex == null || pathRegex.matcher(relativePath).find();
        }
    }

    private CreationRules(String name, Path dir, List<Entry> entries) {
        this.name = name;
        this.dir = dir;
        this.entries = entries;
    }

    /** The nearest .sops.yaml in {@code file}'s folder or above. */
    public static Optional<Path> find(Path file) {
        for (Path d = file.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
            Path p = d.resolve(FILE_NAME);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static CreationRules load(Path sopsYaml) {
        String name = sopsYaml.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sopsYaml);
        } catch (IOException e) {
            throw new SopsException(name, "", SopsException.Kind.FORMAT, "cannot read (" + e.getClass().getSimpleName() + ")");
        }
        Object list = creationRules(bytes, name);
        if (list == null) {
            throw new SopsException(name, "creation_rules", SopsException.Kind.FORMAT, "no creation_rules list");
        }
        return new CreationRules(name, sopsYaml.toAbsolutePath().normalize().getParent(), entries(list, name));
    }

    /**
     * The rules of a .sops.yaml read from memory (a file of a commit), for paths relative to its
     * folder. No creation_rules at all is no rule, as sops reads it.
     *
     * @param name what to call the file in messages
     * @throws SopsException naming {@code name} and the key path when the file or a path_regex is malformed
     */
    public static CreationRules parse(String name, byte[] bytes) {
        Object list = creationRules(bytes, name);
        return new CreationRules(name, null, list == null ? List.of() : entries(list, name));
    }

    /** The rule for {@code file}: the first whose path_regex finds a match in its path relative to the .sops.yaml. */
    public Optional<CreationRule> forFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = dir != null && abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
        return first(rel.replace('\\', '/')).map(e -> rule(e.body(), name, e.ref().where()));
    }

    /**
     * The first rule covering {@code relativePath} (relative to the .sops.yaml's folder, '/'
     * separated), as sops picks it: a file it covers is meant to be encrypted.
     */
    public Optional<CoveringRule> covering(String relativePath) {
        return first(relativePath).map(Entry::ref);
    }

    private Optional<Entry> first(String relativePath) {
        return entries.stream().filter(e -> e.covers(relativePath)).findFirst();
    }

    private static Object creationRules(byte[] bytes, String name) {
        List<Branch> docs = YamlReader.read(bytes, name);
        Object list = docs.isEmpty() ? null : docs.get(0).get("creation_rules");
        if (list != null && !(list instanceof List<?>)) {
            throw new SopsException(name, "creation_rules", SopsException.Kind.FORMAT, "must be a list of rules");
        }
        return list;
    }

    private static List<Entry> entries(Object list, String file) {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (Object item : (List<?>) list) {
            if (item instanceof Branch b) {
                String where = "creation_rules[" + i++ + "]";
                String regex = MetadataCodec.scalar(b.get("path_regex"));
                out.add(new Entry(new CoveringRule(where, regex), compile(regex, file, where), b));
            }
        }
        return List.copyOf(out);
    }

    private static Pattern compile(String regex, String file, String where) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new SopsException(file, where + ".path_regex", SopsException.Kind.FORMAT,
                    "not a valid regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    private static CreationRule rule(Branch b, String file, String where) {
        for (Branch.Entry e : b.entries()) {
            if (e.key() instanceof String k && !KNOWN.contains(k) && e.value() != null) {
                throw new SopsException(file, where + "." + k, SopsException.Kind.FORMAT,
                        "not supported by Kustos (supported: " + String.join(", ", KNOWN.stream().sorted().toList()) + ")");
            }
        }
        String regex = MetadataCodec.scalar(b.get("path_regex"));
        List<Map<String, List<String>>> groups = new ArrayList<>();
        Map<String, List<String>> top = recipients(b);
        if (!top.isEmpty()) {
            groups.add(top);
        } else if (b.get("key_groups") instanceof List<?> gs) {
            for (Object g : gs) {
                if (g instanceof Branch gb) {
                    groups.add(recipients(gb));
                }
            }
        }
        if (groups.isEmpty() || groups.stream().anyMatch(Map::isEmpty)) {
            throw new SopsException(file, where, SopsException.Kind.FORMAT, "the rule names no age or pgp recipients");
        }
        Map<String, String> fields = new HashMap<>();
        SelectionRules.FIELDS.forEach(f -> fields.put(f, MetadataCodec.scalar(b.get(f))));
        SelectionRules rules;
        try {
            rules = SelectionRules.of(fields, "true".equals(MetadataCodec.scalar(b.get("mac_only_encrypted"))));
        } catch (IllegalArgumentException e) {
            throw new SopsException(file, where, SopsException.Kind.FORMAT, e.getMessage());
        }
        String t = MetadataCodec.scalar(b.get("shamir_threshold"));
        int threshold = t == null ? 0 : Integer.parseInt(t);
        return new CreationRule(regex, groups, threshold, rules);
    }

    private static Map<String, List<String>> recipients(Branch b) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String type : List.of("age", "pgp")) {
            List<String> list = new ArrayList<>();
            Object v = b.get(type);
            if (v instanceof String s) {
                Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(list::add);
            } else if (v instanceof List<?> l) {
                l.stream().map(MetadataCodec::scalar).filter(x -> x != null && !x.isBlank()).map(String::strip).forEach(list::add);
            }
            if (!list.isEmpty()) {
                out.put(type, list);
            }
        }
        return out;
    }
}
