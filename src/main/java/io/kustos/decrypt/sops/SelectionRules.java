package io.kustos.decrypt.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values sops encrypts: at most one of {@code unencrypted_suffix} (default
 * {@code _unencrypted}), {@code encrypted_suffix}, {@code unencrypted_regex}, {@code encrypted_regex},
 * {@code unencrypted_comment_regex}, {@code encrypted_comment_regex}; and
 * {@code mac_only_encrypted}. Decides per value as sops's {@code shouldBeEncrypted} does.
 */
public record SelectionRules(String unencryptedSuffix, String encryptedSuffix, String unencryptedRegex,
                             String encryptedRegex, String unencryptedCommentRegex, String encryptedCommentRegex,
                             boolean macOnlyEncrypted) {
    public static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";
    /** The metadata field names, in the order of the record components. */
    public static final List<String> FIELDS = List.of("unencrypted_suffix", "encrypted_suffix", "unencrypted_regex",
            "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex");

    public static final SelectionRules DEFAULT = new SelectionRules(DEFAULT_UNENCRYPTED_SUFFIX, "", "", "", "", "", false);

    public SelectionRules {
        unencryptedSuffix = nz(unencryptedSuffix);
        encryptedSuffix = nz(encryptedSuffix);
        unencryptedRegex = nz(unencryptedRegex);
        encryptedRegex = nz(encryptedRegex);
        unencryptedCommentRegex = nz(unencryptedCommentRegex);
        encryptedCommentRegex = nz(encryptedCommentRegex);
    }

    /**
     * Rules from field values (missing = empty); no rule at all means the default
     * {@code unencrypted_suffix: _unencrypted}.
     *
     * @throws IllegalArgumentException for more than one rule or a regex that does not compile
     */
    public static SelectionRules of(Map<String, String> fields, boolean macOnlyEncrypted) {
        List<String> set = new ArrayList<>();
        for (String f : FIELDS) {
            String v = fields.get(f);
            if (v != null && !v.isEmpty()) {
                set.add(f);
                if (f.endsWith("regex")) {
                    try {
                        Pattern.compile(v);
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException(f + " is not a valid regular expression: " + e.getDescription());
                    }
                }
            }
        }
        if (set.size() > 1) {
            throw new IllegalArgumentException("use only one of " + String.join(", ", FIELDS) + " (found " + set + ")");
        }
        if (set.isEmpty()) {
            return new SelectionRules(DEFAULT_UNENCRYPTED_SUFFIX, "", "", "", "", "", macOnlyEncrypted);
        }
        return new SelectionRules(fields.get(FIELDS.get(0)), fields.get(FIELDS.get(1)), fields.get(FIELDS.get(2)),
                fields.get(FIELDS.get(3)), fields.get(FIELDS.get(4)), fields.get(FIELDS.get(5)), macOnlyEncrypted);
    }

    /** The non-empty rule fields, for writing into a sops block. */
    public Map<String, String> fields() {
        var all = List.of(unencryptedSuffix, encryptedSuffix, unencryptedRegex, encryptedRegex,
                unencryptedCommentRegex, encryptedCommentRegex);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            if (!all.get(i).isEmpty()) {
                out.put(FIELDS.get(i), all.get(i));
            }
        }
        return out;
    }

    /**
     * Whether the value at {@code path}, after the comments in {@code commentsStack} (one list per
     * enclosing level), is encrypted.
     */
    public boolean encrypts(List<String> path, List<List<String>> commentsStack, boolean isComment) {
        boolean encrypted = true;
        if (!unencryptedSuffix.isEmpty() && path.stream().anyMatch(p -> p.endsWith(unencryptedSuffix))) {
            encrypted = false;
        }
        if (!encryptedSuffix.isEmpty()) {
            encrypted = path.stream().anyMatch(p -> p.endsWith(encryptedSuffix));
        }
        if (!unencryptedRegex.isEmpty() && anyFinds(unencryptedRegex, path)) {
            encrypted = false;
        }
        if (!encryptedRegex.isEmpty()) {
            encrypted = anyFinds(encryptedRegex, path);
        }
        if (!unencryptedCommentRegex.isEmpty()
                && commentsStack.stream().anyMatch(cs -> anyFinds(unencryptedCommentRegex, cs))) {
            encrypted = false;
        }
        if (!encryptedCommentRegex.isEmpty()) {
            encrypted = false;
            Pattern p = Pattern.compile(encryptedCommentRegex);
            int last = commentsStack.size() - 1;
            outer:
            for (int i = 0; i <= last; i++) {
                List<String> cs = commentsStack.get(i);
                for (int j = 0; j < cs.size(); j++) {
                    // the comment line that matches is itself left in clear text
                    if (isComment && i == last && j == cs.size() - 1) {
                        continue;
                    }
                    if (p.matcher(cs.get(j)).find()) {
                        encrypted = true;
                        break outer;
                    }
                }
            }
        }
        return encrypted;
    }

    private static boolean anyFinds(String regex, List<String> texts) {
        Pattern p = Pattern.compile(regex);
        return texts.stream().anyMatch(t -> p.matcher(t).find());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
