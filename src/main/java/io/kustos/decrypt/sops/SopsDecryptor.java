package io.kustos.decrypt.sops;

import io.kustos.decrypt.Decryptor;
import io.kustos.decrypt.MasterKeyType;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

/**
 * Decrypts SOPS files in memory: finds the data key with this machine's master keys, decrypts
 * every value with its key path as additional data, and verifies the MAC before anything is
 * returned. A file over 5 MiB is refused before parsing. A file without a MAC is refused unless
 * this decryptor was made with {@code allowMissingMac} (sops's {@code --ignore-mac} for such files).
 */
public final class SopsDecryptor implements Decryptor {
    /** Files larger than this are refused before they are parsed. */
    public static final int MAX_BYTES = io.kustos.text.StrictYamlFactory.MAX_BYTES;

    static final String NO_MAC = "the file has no MAC, so its values cannot be checked for tampering; re-encrypt it with sops 3 or kustos encrypt";
    static final String BAD_MAC = "the MAC is not a valid sops value";

    private final DataKeys dataKeys;
    private final boolean allowMissingMac;
    private final ValueCipher cipher = new ValueCipher(new SecureRandom());

    public SopsDecryptor(List<MasterKeyType> keyTypes) {
        this(keyTypes, false);
    }

    public SopsDecryptor(List<MasterKeyType> keyTypes, boolean allowMissingMac) {
        this.dataKeys = new DataKeys(List.copyOf(keyTypes));
        this.allowMissingMac = allowMissingMac;
    }

    /** The plaintext in the file's own format, chosen by its extension. */
    @Override
    public byte[] decrypt(String file, byte[] encrypted) {
        return decrypt(file, encrypted, SopsFormat.forFile(file));
    }

    /** The plaintext in {@code format}, which also is how the encrypted file is read. */
    public byte[] decrypt(String file, byte[] encrypted, SopsFormat format) {
        return format.writePlain(open(file, encrypted, format).documents(), file);
    }

    /** A decrypted file: plaintext documents, the metadata and the data key (which the caller must not keep). */
    public record Opened(List<Branch> documents, Metadata metadata, byte[] dataKey) {
        @Override
        public String toString() {
            return "Opened[" + documents.size() + " documents, " + metadata + "]";
        }
    }

    /** Decrypts into documents, MAC verified. */
    public Opened open(String file, byte[] encrypted, SopsFormat format) {
        SopsFormat.Parsed parsed = parse(file, encrypted, format);
        Metadata meta = MetadataCodec.read(parsed.sops(), file);
        byte[] key = dataKeys.open(meta, file);
        if (key.length != 32) {
            throw new SopsException(file, "sops", SopsException.Kind.KEY, "the data key is " + key.length + " bytes, not 32");
        }
        String computed = new TreeCrypt(meta.rules(), cipher, key, file).decrypt(parsed.documents());
        checkMac(file, meta, key, computed);
        return new Opened(parsed.documents(), meta, key);
    }

    /** Reads the encrypted file and its metadata without decrypting anything. */
    public SopsFormat.Parsed parse(String file, byte[] encrypted, SopsFormat format) {
        if (encrypted.length > MAX_BYTES) {
            throw new SopsException(file, "", SopsException.Kind.FORMAT,
                    "the file is " + encrypted.length + " bytes, over the limit of 5 MiB");
        }
        return format.readEncrypted(encrypted, file);
    }

    /** The data key of an encrypted file (for updatekeys), checking nothing else. */
    public byte[] dataKey(String file, Metadata meta) {
        return dataKeys.open(meta, file);
    }

    private void checkMac(String file, Metadata meta, byte[] key, String computed) {
        if (meta.mac().isEmpty()) {
            if (allowMissingMac) {
                return;
            }
            throw new SopsException(file, "sops.mac", SopsException.Kind.MAC, NO_MAC);
        }
        Object stored;
        try {
            stored = cipher.decrypt(meta.mac(), key, meta.macAad(), file, "sops.mac");
        } catch (SopsException e) {
            throw new SopsException(file, "sops.mac", SopsException.Kind.MAC, e.errorKind() == SopsException.Kind.AUTH
                    ? "the MAC does not authenticate: the mac or lastmodified field was changed"
                    : BAD_MAC);
        }
        if (!(stored instanceof String s) || !MessageDigest.isEqual(
                s.getBytes(java.nio.charset.StandardCharsets.US_ASCII), computed.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new SopsException(file, "sops.mac", SopsException.Kind.MAC,
                    "MAC mismatch: the values were changed, added, removed or reordered since the file was encrypted");
        }
    }
}
