package io.kustos.render;

/**
 * One thing wrong with the repos' contents, and where it is, as data.
 *
 * @param file    repo path of the file, e.g. {@code config:environments/staging/tungsten/config.yaml}
 * @param path    where in the file, e.g. document 1, {@code metadata.name} (shown {@code [1].metadata.name});
 *                {@link KeyPath#FILE} for the whole file
 * @param line    its 1-based line where render knows it (a file that does not parse); 0 when its
 *                line is the one of {@code path}
 * @param message what is wrong and, where it helps, how to fix it; never a secret value
 * @param also    another place the message ends by naming (the first definition of an object
 *                defined twice), named where the problem is placed as its file is; null for none
 */
public record RenderProblem(String file, KeyPath path, int line, String message, Place also) {
    public RenderProblem {
        java.util.Objects.requireNonNull(path, "path");
    }

    public RenderProblem(String file, KeyPath path, int line, String message) {
        this(file, path, line, message, null);
    }

    /** A problem of the whole file. */
    RenderProblem(String file, String message) {
        this(file, KeyPath.FILE, 0, message);
    }

    /** A place in the repos as render names it: a file ({@code config:environments/…}) and a key path in it. */
    public record Place(String file, KeyPath path) {
    }

    /** {@code file:line: key path: message}, the line where render knows it (not yet placed by {@link ProblemLocator}). */
    @Override
    public String toString() {
        String shown = path.toString();
        return file + (line > 0 ? ":" + line : "") + ": " + (shown.isEmpty() ? "" : shown + ": ") + message
                + (also == null ? "" : " " + also.file());
    }
}
