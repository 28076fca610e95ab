package io.kustos.source;

/**
 * One file of a commit's tree, read from git's object store (not from a work tree), so a
 * symlink is seen as a symlink and never followed.
 *
 * @param path    path from the repository root, with '/' separators
 * @param type    what git stored at that path
 * @param size    size in bytes of the blob
 * @param content the bytes, for a {@link Type#REGULAR} file no larger than the snapshot's limit;
 *                {@code null} otherwise
 */
public record RepoFile(String path, Type type, long size, byte[] content) {
    public enum Type { REGULAR, SYMLINK, SUBMODULE }

    public boolean readable() {
        return type == Type.REGULAR && content != null;
    }
}
