package io.kustos.source;

import java.util.Objects;
import java.util.regex.Pattern;

/** A commit of a branch, written {@code main@sha1:<40 hex>} as Flux does. */
public record Revision(String branch, String sha) {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern TEXT = Pattern.compile("(.+)@sha1:([0-9a-f]{40})");

    public Revision {
        Objects.requireNonNull(branch, "branch");
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full SHA-1: " + sha);
        }
    }

    public static Revision parse(String text) {
        var m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a revision (want <branch>@sha1:<40 hex>): " + text);
        }
        return new Revision(m.group(1), m.group(2));
    }

    public String shortSha() {
        return sha.substring(0, 7);
    }

    /** What reports show: {@code main@sha1:<40 hex>}, or the sha alone for a commit given by its sha (no ref names it). */
    public String shown() {
        return branch.equals(sha) ? sha : toString();
    }

    @Override
    public String toString() {
        return branch + "@sha1:" + sha;
    }
}
