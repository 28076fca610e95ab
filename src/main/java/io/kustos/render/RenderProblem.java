package io.kustos.render;

/**
 * One thing wrong with the repos' contents.
 *
 * @param file    repo path of the file, e.g. {@code config:environments/staging/tungsten/config.yaml}
 * @param path    key path inside it, e.g. {@code [1].metadata.name}; empty for the whole file
 * @param message what is wrong and, where it helps, how to fix it; never a secret value
 */
public record RenderProblem(String file, String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? file + ": " + message : file + ": " + path + ": " + message;
    }
}
