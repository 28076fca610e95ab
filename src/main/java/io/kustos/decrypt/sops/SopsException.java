package io.kustos.decrypt.sops;

import io.kustos.decrypt.DecryptionException;

/**
 * A SOPS file could not be decrypted or encrypted. The message is
 * {@code <file>: <kind> error at <key path>: <detail>} and never holds a value, a data key or key
 * material.
 */
public final class SopsException extends DecryptionException {
    /** What went wrong, for people and for tests. */
    public enum Kind {
        /** The MAC does not match the values, or lastmodified/mac were changed. */
        MAC,
        /** A value's AES-GCM tag does not verify: a changed byte, or a value moved to another key. */
        AUTH,
        /** No master key of this machine opens the file's data key. */
        KEY,
        /** Not a valid SOPS file: truncated, malformed value, bad base64, unknown type, too large. */
        FORMAT;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String file;
    private final String keyPath;
    private final Kind kind;
    private final String detail;

    public SopsException(String file, String keyPath, Kind kind, String detail) {
        super(file + ": " + kind.word() + " error at " + (keyPath.isEmpty() ? "(document)" : keyPath) + ": " + detail);
        this.file = file;
        this.keyPath = keyPath;
        this.kind = kind;
        this.detail = detail;
    }

    /** The same failure with a sentence added: where the keys come from and what to do. */
    public SopsException withAdvice(String advice) {
        return new SopsException(file, keyPath, kind, detail + ". " + advice);
    }

    public String file() {
        return file;
    }

    /** Keys joined with ':' as sops builds them, e.g. {@code data:DB_PASSWORD}, or {@code sops.mac}. */
    public String keyPath() {
        return keyPath;
    }

    /** What went wrong, without the file and key path: {@code the value does not authenticate (…)}. */
    public String detail() {
        return detail;
    }

    public Kind errorKind() {
        return kind;
    }
}
