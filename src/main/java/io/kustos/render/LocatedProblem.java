package io.kustos.render;

import java.util.Comparator;

/**
 * A {@link RenderProblem} placed in a working tree: what {@code kustos validate} reports, and
 * {@code kustos preview} of a revision that does not render.
 *
 * @param file    the file's path from the repo root, e.g. {@code environments/staging/api/config.yaml}
 *                (preview: as render names it, {@code config:environments/staging/api/config.yaml})
 * @param line    1-based line in it; 0 when the problem is not in one file (a missing folder)
 * @param keyPath key path inside the file, e.g. {@code [1].metadata.name}; empty for the whole file
 * @param message what is wrong and what to do; never a secret value
 */
public record LocatedProblem(String file, int line, String keyPath, String message) {
    /** By file, then line: as {@code kustos validate} lists them. */
    public static final Comparator<LocatedProblem> ORDER = Comparator.comparing(LocatedProblem::file).thenComparingInt(LocatedProblem::line);

    /** {@code file:line: key path: message}, as compilers print a problem. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
