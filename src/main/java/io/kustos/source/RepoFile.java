package io.kustos.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /**
     * The id git gives a blob of {@code content}: the SHA-1 of {@code "blob <length>\0"} and the bytes. Computed here,
     * not by JGit's {@code ObjectInserter.Formatter}, which first reads the user's and the system's git config (for
     * {@code core.sha1Implementation}) and loads JGit's ~1,000 message texts by reflection: most of the work-tree
     * read of {@code kustos validate} (docs/benchmarks.md "CLI start").
     */
    public static String blobIdOf(byte[] content) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e); // every Java SE platform has it
        }
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }
}
