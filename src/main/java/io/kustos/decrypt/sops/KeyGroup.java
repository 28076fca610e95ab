package io.kustos.decrypt.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master keys that each open the same data key (or, with several groups, the same Shamir
 * share): entries per key type ({@code age}, {@code pgp}, and kinds Kustos keeps but cannot use,
 * such as {@code kms}), each entry with string fields as sops writes them.
 */
public record KeyGroup(Map<String, List<Map<String, String>>> entries) {
    /** Key types sops knows; those without a {@code MasterKeyType} are kept as they are. */
    public static final List<String> TYPES = List.of("age", "azure_kv", "gcp_kms", "hc_vault", "hckms", "kms", "pgp");

    public KeyGroup {
        var copy = new LinkedHashMap<String, List<Map<String, String>>>();
        entries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        entries = copy;
    }

    public List<Map<String, String>> of(String type) {
        return entries.getOrDefault(type, List.of());
    }

    public boolean isEmpty() {
        return entries.values().stream().allMatch(List::isEmpty);
    }

    /** "pgp FBC7…, age age1…" — recipients only, never {@code enc}. */
    public List<String> recipients() {
        List<String> out = new ArrayList<>();
        entries.forEach((type, list) -> list.forEach(e -> out.add(type + " " + recipientOf(type, e))));
        return out;
    }

    static String recipientOf(String type, Map<String, String> entry) {
        return switch (type) {
            case "pgp" -> entry.getOrDefault("fp", "?");
            case "age" -> entry.getOrDefault("recipient", "?");
            case "kms" -> entry.getOrDefault("arn", "?");
            case "gcp_kms" -> entry.getOrDefault("resource_id", "?");
            case "azure_kv" -> entry.getOrDefault("vault_url", "?") + "/" + entry.getOrDefault("name", "?");
            case "hc_vault" -> entry.getOrDefault("vault_address", "?") + "/" + entry.getOrDefault("key_name", "?");
            default -> entry.getOrDefault("key_id", "?");
        };
    }

    @Override
    public String toString() {
        return "KeyGroup" + recipients();
    }
}
