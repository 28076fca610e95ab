package io.kustos.decrypt.sops;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.MasterKeyType;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a file's data key with this machine's master keys, and wraps a data key for recipients.
 * One key group holds the data key itself; several hold Shamir shares of it.
 */
public final class DataKeys {
    /** sops tries age before pgp. */
    private static final List<String> ORDER = List.of("age", "pgp");

    private final Map<String, MasterKeyType> types = new LinkedHashMap<>();

    public DataKeys(List<MasterKeyType> keyTypes) {
        for (MasterKeyType t : keyTypes) {
            types.put(t.name(), t);
        }
    }

    public Optional<MasterKeyType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public byte[] open(Metadata m, String file) {
        if (m.keyGroups().isEmpty()) {
            throw new SopsException(file, "sops", SopsException.Kind.FORMAT, "the sops block names no master keys");
        }
        List<byte[]> parts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KeyGroup g : m.keyGroups()) {
            openGroup(g, problems).ifPresent(parts::add);
        }
        int groups = m.keyGroups().size();
        int needed = groups == 1 ? 1 : (m.shamirThreshold() == 0 ? groups : m.shamirThreshold());
        if (parts.size() < needed) {
            throw noKey(m, file, groups, parts.size(), needed, problems);
        }
        if (groups == 1) {
            return parts.get(0);
        }
        try {
            return Shamir.combine(parts);
        } catch (IllegalArgumentException e) {
            throw new SopsException(file, "sops.key_groups", SopsException.Kind.KEY, "the Shamir shares do not combine: " + e.getMessage());
        }
    }

    private Optional<byte[]> openGroup(KeyGroup g, List<String> problems) {
        List<String> order = new ArrayList<>(ORDER);
        g.entries().keySet().stream().filter(t -> !order.contains(t)).forEach(order::add);
        for (String type : order) {
            MasterKeyType t = types.get(type);
            if (t == null) {
                continue;
            }
            for (Map<String, String> entry : g.of(type)) {
                try {
                    Optional<byte[]> key = t.unwrap(entry);
                    if (key.isPresent()) {
                        return key;
                    }
                } catch (DecryptionException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private SopsException noKey(Metadata m, String file, int groups, int opened, int needed, List<String> problems) {
        StringBuilder sb = new StringBuilder("no master key of this machine opens the data key");
        if (groups > 1) {
            sb.append(" (opened ").append(opened).append(" of ").append(needed).append(" key groups needed)");
        }
        sb.append("; the file is encrypted for: ");
        List<String> groupTexts = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            List<String> r = m.keyGroups().get(i).recipients();
            groupTexts.add((groups > 1 ? "group " + (i + 1) + ": " : "") + String.join(", ", r));
        }
        sb.append(String.join("; ", groupTexts));
        sb.append("; this machine has: ");
        List<String> have = new ArrayList<>();
        types.values().forEach(t -> have.add(t.describeKeys()));
        sb.append(have.isEmpty() ? "no keys" : String.join("; ", have));
        if (!problems.isEmpty()) {
            sb.append("; ").append(String.join("; ", problems));
        }
        return new SopsException(file, "sops", SopsException.Kind.KEY, sb.toString());
    }

    /**
     * Key groups for a data key: each recipient list per type ("age", "pgp") of each group gets
     * the data key (one group) or its group's Shamir share.
     */
    public List<KeyGroup> wrap(byte[] dataKey, List<Map<String, List<String>>> recipientGroups, int threshold,
                               SecureRandom random, String file) {
        byte[][] parts;
        if (recipientGroups.size() == 1) {
            parts = new byte[][] {dataKey};
        } else {
            int t = threshold == 0 ? recipientGroups.size() : threshold;
            try {
                parts = Shamir.split(dataKey, recipientGroups.size(), t, random);
            } catch (IllegalArgumentException e) {
                throw new SopsException(file, "shamir_threshold", SopsException.Kind.KEY, e.getMessage());
            }
        }
        List<KeyGroup> out = new ArrayList<>();
        for (int i = 0; i < recipientGroups.size(); i++) {
            Map<String, List<Map<String, String>>> entries = new LinkedHashMap<>();
            for (var e : recipientGroups.get(i).entrySet()) {
                MasterKeyType t = types.get(e.getKey());
                if (t == null) {
                    throw new SopsException(file, "", SopsException.Kind.KEY,
                            "cannot encrypt for " + e.getKey() + " recipients: " + e.getKey() + " keys are not available here");
                }
                List<Map<String, String>> list = new ArrayList<>();
                for (String recipient : e.getValue()) {
                    list.add(t.wrap(parts[i], recipient));
                }
                entries.put(e.getKey(), list);
            }
            if (entries.values().stream().allMatch(List::isEmpty)) {
                throw new SopsException(file, "", SopsException.Kind.KEY, "key group " + (i + 1) + " has no recipients");
            }
            out.add(new KeyGroup(entries));
        }
        return out;
    }
}
