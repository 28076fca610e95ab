package io.kustos.source;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A revision to preview, as {@code kustos preview --config-ref/--releases-ref} takes it: a branch
 * ({@code feature/x}), a full commit sha, or a full ref name such as a pull request's head
 * ({@code refs/pull/12/head}, GitHub and Gitea) or a merge request's ({@code refs/merge-requests/12/head}, GitLab).
 *
 * @param heldBy for a sha, the remote ref that holds it (a pull request's head), fetched first and
 *               named in reports; null when unknown (the remote's branches and request heads are searched)
 */
public record PreviewRef(String text, String heldBy) {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    /** What git refuses in a ref name (git check-ref-format), and what would leave refs/ or name several refs. */
    private static final Pattern BAD = Pattern.compile("^-|\\.\\.|[\\s~^:?*\\[\\\\]|@\\{|//|/$|\\.lock$|^/|\\.$|[\\x00-\\x1f\\x7f]");

    /** The refs that hold pull and merge request heads on GitHub and Gitea ({@code pull}) and GitLab ({@code merge-requests}). */
    static final List<String> REQUEST_HEADS = List.of("refs/pull/*/head", "refs/merge-requests/*/head");

    /** @throws IllegalArgumentException not a ref name git accepts, nor a full sha (the message says why) */
    public PreviewRef(String text) {
        this(text, null);
    }

    /** The commit {@code sha}, held by the remote's {@code heldBy} ({@code refs/pull/12/head}). */
    public static PreviewRef commit(String sha, String heldBy) {
        PreviewRef ref = new PreviewRef(sha, new PreviewRef(heldBy).text());
        if (!ref.isSha()) {
            throw new IllegalArgumentException("not a full commit sha: " + sha);
        }
        return ref;
    }

    public PreviewRef {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty ref: give a branch, a full commit sha, refs/pull/N/head or refs/merge-requests/N/head");
        }
        if (BAD.matcher(text).find()) {
            throw new IllegalArgumentException("'" + text + "' is not a ref name git accepts: give a branch, a full commit sha, "
                    + "refs/pull/N/head or refs/merge-requests/N/head");
        }
    }

    /** A full commit sha (40 hex), fetched by what holds it rather than by name. */
    public boolean isSha() {
        return SHA.matcher(text).matches();
    }

    /** The remote refs a name may stand for, in the order they are tried: a full ref as it is, else a branch, then a tag. */
    List<String> candidates() {
        return text.startsWith("refs/") ? List.of(text) : List.of("refs/heads/" + text, "refs/tags/" + text);
    }

    /** What the revision is called in reports: the ref as given, or for a sha the ref that holds it, else the sha itself. */
    String label() {
        return heldBy != null ? heldBy : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
