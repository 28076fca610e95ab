package io.kustos.render;

import io.kustos.decrypt.sops.SopsException;

/**
 * Where in a YAML file a problem is: the document and the keys inside it. Render builds it as it
 * reads, so {@link ProblemLocator} finds the problem's line from it and the file's node marks
 * ({@link YamlLines}), never from the problem's message.
 *
 * @param document the document's index in the file (0-based, counting empty ones, as
 *                 {@link YamlDocuments.Document#index} numbers them); {@link #ANY_DOCUMENT} when
 *                 render does not know it (then the file's first document with keys)
 * @param keys     the key path inside the document, e.g. {@code metadata.name} or
 *                 {@code workloads[0].containers.api}; empty for the whole document
 * @param shown    how the key path is shown before the problem's message
 */
public record KeyPath(int document, String keys, Shown shown) {
    public static final int ANY_DOCUMENT = -1;
    /** The whole file. */
    public static final KeyPath FILE = new KeyPath(ANY_DOCUMENT, "", Shown.KEYS);

    /** How a key path is shown before a problem's message. */
    public enum Shown {
        /** Its keys ({@code metadata.name}): the file has one document. */
        KEYS,
        /** Its document and keys ({@code [1].metadata.name}): the file has several documents. */
        WITH_DOCUMENT
    }

    /**
     * The key path of a SOPS error, its keys joined with '.' as render joins them ({@code data:PORT}
     * is {@code data.PORT}), shown before the error's {@link SopsException#detail()}.
     */
    static KeyPath of(SopsException e) {
        return new KeyPath(ANY_DOCUMENT, e.keyPath().replace(':', '.'), Shown.KEYS);
    }

    /** As it is shown before the message: {@code [1].metadata.name}, {@code data.PORT}, or empty. */
    @Override
    public String toString() {
        return switch (shown) {
            case KEYS -> keys;
            case WITH_DOCUMENT -> "[" + document + "]" + (keys.isEmpty() ? "" : "." + keys);
        };
    }
}
