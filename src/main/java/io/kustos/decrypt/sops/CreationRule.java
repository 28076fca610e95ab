package io.kustos.decrypt.sops;

import java.util.List;
import java.util.Map;

/**
 * One {@code creation_rules} entry of a {@code .sops.yaml}: which files it covers, whom they are
 * encrypted for, and which values.
 *
 * @param pathRegex       matched (find, not whole) against the path relative to the .sops.yaml folder; null matches all
 * @param keyGroups       per group, recipients per key type ({@code age} public keys, {@code pgp} fingerprints)
 * @param shamirThreshold groups needed to decrypt when there are several (0: all)
 */
public record CreationRule(String pathRegex, List<Map<String, List<String>>> keyGroups, int shamirThreshold,
                           SelectionRules rules) {
    public CreationRule {
        keyGroups = List.copyOf(keyGroups);
    }
}
