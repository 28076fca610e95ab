package io.kustos.decrypt.sops;

/**
 * The {@code creation_rules} entry of a {@code .sops.yaml} that covers a file, for messages.
 *
 * @param where     its key path, e.g. {@code creation_rules[0]}
 * @param pathRegex its path_regex; null when it has none and so covers every file
 */
public record CoveringRule(String where, String pathRegex) {
    /** E.g. {@code creation_rules[0] (path_regex: environments/.*secret.*\.yaml$)}. */
    @Override
    public String toString() {
        return where + (pathRegex == null ? " (no path_regex: it covers every file)" : " (path_regex: " + pathRegex + ")");
    }
}
