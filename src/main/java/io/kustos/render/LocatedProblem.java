package io.kustos.render;

/**
 * A {@link RenderProblem} placed in a working tree: what {@code kustos validate} reports.
 *
 * @param file    the file's path from the repo root, e.g. {@code environments/staging/api/config.yaml}
 * @param line    1-based line in it; 0 when the problem is not in one file (a missing folder)
 * @param keyPath key path inside the file, e.g. {@code [1].metadata.name}; empty for the whole file
 * @param message what is wrong and what to do; never a secret value
 */
public record LocatedProblem(String file, int line, String keyPath, String message) {
    /** {@code file:line: key path: message}, as compilers print a problem. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
