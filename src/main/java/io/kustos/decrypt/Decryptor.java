package io.kustos.decrypt;

/**
 * Turns a SOPS-encrypted file into its plaintext, in memory. Render calls it for every file with
 * a top-level {@code sops:} block; the plaintext never touches disk and is never logged.
 */
@FunctionalInterface
public interface Decryptor {
    /**
     * @param file      the file's name in messages, e.g. {@code config:environments/prod/api/secrets.yaml}
     * @param encrypted the file's bytes
     * @return the decrypted document(s), in the file's own format
     * @throws DecryptionException naming the file, the key path and the kind of failure, never a value
     */
    byte[] decrypt(String file, byte[] encrypted);

    /** For a Kustos without keys: every encrypted file is a clear error. */
    Decryptor NONE = (file, encrypted) -> {
        throw new DecryptionException(file + ": the file is encrypted with SOPS, but no decryption key is "
                + "configured (set decryption.ageKeyFile in kustos.yaml or SOPS_AGE_KEY_FILE)");
    };
}
