package io.kustos.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.decrypt.sops.CoveringRule;
import io.kustos.decrypt.sops.CreationRules;
import io.kustos.decrypt.sops.SopsException;

import java.util.List;
import java.util.Optional;

/**
 * What the config repo's root {@code .sops.yaml} asks of the files render reads: a file one of its
 * creation rules covers (path_regex matched against the path from the repo root, as sops matches
 * it) must be SOPS-encrypted, whatever the rule's encrypted_regex; and once the repo has a
 * {@code .sops.yaml}, no Secret holds values in plain text anywhere. A repo without one may keep
 * plaintext Secrets, as Flux allows.
 */
final class RequiredEncryption {
    static final String FILE = "config:" + CreationRules.FILE_NAME;
    /** No .sops.yaml: nothing is required. */
    private static final String ROTATE = "Its values are in git history now: rotate them too";
    static final RequiredEncryption NONE = new RequiredEncryption(null);

    private final CreationRules rules;

    private RequiredEncryption(CreationRules rules) {
        this.rules = rules;
    }

    /**
     * The requirements of a .sops.yaml's content; a malformed one (or a bad path_regex) is a
     * problem of {@code config:.sops.yaml}, and then every file without a rule is still checked.
     */
    static RequiredEncryption of(byte[] sopsYaml, Problems p) {
        try {
            return new RequiredEncryption(CreationRules.parse(p.file(), sopsYaml));
        } catch (SopsException e) {
            p.add(KeyPath.of(e), e.detail() + ". Fix " + CreationRules.FILE_NAME + ": Kustos reads its creation rules to refuse files they cover"
                    + " that are not encrypted");
            return new RequiredEncryption(CreationRules.parse(p.file(), new byte[0]));  // no rules: Secrets still checked
        }
    }

    /**
     * Adds a problem when the plaintext file at {@code path} (from the repo root), whose documents
     * are {@code docs}, should have been encrypted.
     */
    void checkPlaintext(String path, List<YamlDocuments.Document> docs, Problems p) {
        if (rules == null) {
            return;
        }
        Optional<CoveringRule> rule = rules.covering(path);
        if (rule.isPresent()) {
            p.add("", "is not encrypted, but " + CreationRules.FILE_NAME + " " + rule.get()
                    + " covers it, so it must be SOPS-encrypted: run `kustos encrypt --in-place " + path + "` and commit. " + ROTATE);
            return;
        }
        boolean many = docs.size() > 1;
        for (var doc : docs) {
            secretValues(doc.node()).ifPresent(field -> p.inDocument(doc.index(), many).add(field,
                    "a Secret with values in plain text, while the repo encrypts with SOPS (" + CreationRules.FILE_NAME
                            + ") and no creation rule covers this file: move it to a path a creation rule covers (or add a"
                            + " rule for this one), run `kustos encrypt --in-place FILE` on it and commit. " + ROTATE));
        }
    }

    /** The first of data and stringData with values, if {@code node} is a Secret. */
    private static Optional<String> secretValues(JsonNode node) {
        if (!node.isObject() || !"Secret".equals(node.path("kind").asText(null))) {
            return Optional.empty();
        }
        return List.of("data", "stringData").stream().filter(f -> node.path(f).isObject() && !node.path(f).isEmpty()).findFirst();
    }
}
