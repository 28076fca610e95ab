package io.kustos.source;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * One file of a commit's tree, read from git's object store (not from a work tree), so a
 * symlink is seen as a symlink and never followed.
 *
 * @param path    path from the repository root, with '/' separators
 * @param type    what git stored at that path
 * @param size    size in bytes of the blob
 * @param content the bytes, for a {@link Type#REGULAR} file no larger than the snapshot's limit;
 *                {@code null} otherwise
 * @param blobId  git's object id of the content (40 hex), as the tree names it: equal ids, equal bytes;
 *                null when there is no content
 */
public record RepoFile(String path, Type type, long size, byte[] content, String blobId) {
    public enum Type { REGULAR, SYMLINK, SUBMODULE }

    /** A file not read from git's object store (a work tree, a test): its blob id is computed from its content. */
    public RepoFile(String path, Type type, long size, byte[] content) {
        this(path, type, size, content, content == null ? null : blobIdOf(content));
    }

    public boolean readable() {
        return type == Type.REGULAR && content != null;
    }

    /** The id git gives a blob of {@code content}. */
    public static String blobIdOf(byte[] content) {
        try (var formatter = new ObjectInserter.Formatter()) {
            return formatter.idFor(Constants.OBJ_BLOB, content).name();
        }
    }
}
