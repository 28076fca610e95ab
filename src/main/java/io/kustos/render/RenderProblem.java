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
 */
public record RenderProblem(String file, KeyPath path, int line, String message) {
    public RenderProblem {
        java.util.Objects.requireNonNull(path, "path");
    }

    /** A problem of the whole file. */
    RenderProblem(String file, String message) {
        this(file, KeyPath.FILE, 0, message);
    }

    @Override
    public String toString() {
        String shown = path.toString();
        return shown.isEmpty() ? file + ": " + message : file + ": " + shown + ": " + message;
    }
}
