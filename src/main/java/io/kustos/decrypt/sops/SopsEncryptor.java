package io.kustos.decrypt.sops;

import io.kustos.decrypt.MasterKeyType;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Writes files sops 3 reads: a fresh 32-byte data key wrapped for the creation rule's recipients,
 * every selected value encrypted with a 32-byte IV and its key path as additional data, the MAC,
 * {@code lastmodified} and {@code version: 3.9.0}. Also re-wraps a file's data key for new
 * recipients (updatekeys) without touching its values or MAC.
 */
public final class SopsEncryptor {
    private final DataKeys dataKeys;
    private final List<MasterKeyType> keyTypes;
    private final SecureRandom random = new SecureRandom();
    private final ValueCipher cipher = new ValueCipher(random);

    public SopsEncryptor(List<MasterKeyType> keyTypes) {
        this.keyTypes = List.copyOf(keyTypes);
        this.dataKeys = new DataKeys(this.keyTypes);
    }

    /** Encrypts a plaintext file in {@code format} under {@code rule}. */
    public byte[] encrypt(String file, byte[] plaintext, SopsFormat format, CreationRule rule) {
        if (plaintext.length > SopsDecryptor.MAX_BYTES) {
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "the file is over the limit of 5 MiB");
        }
        List<Branch> docs = format.readPlain(plaintext, file);
        if (format != SopsFormat.BINARY && docs.stream().anyMatch(d -> d.has("sops"))) {
            throw new SopsException(file, "sops", SopsException.Kind.FORMAT, "the file is already encrypted");
        }
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        try {
            List<KeyGroup> groups = dataKeys.wrap(dataKey, rule.keyGroups(), rule.shamirThreshold(), random, file);
            String lastModified = Metadata.now();
            var meta = new Metadata(lastModified, "", Metadata.WRITTEN_VERSION, rule.rules(), groups,
                    groups.size() > 1 ? (rule.shamirThreshold() == 0 ? groups.size() : rule.shamirThreshold()) : 0);
            String mac = new TreeCrypt(rule.rules(), cipher, dataKey, file).encrypt(docs);
            meta = meta.withMac(cipher.encrypt(mac, dataKey, meta.macAad()), lastModified);
            return format.writeEncrypted(docs, MetadataCodec.write(meta), file);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Re-wraps the data key of an encrypted file for the recipients of {@code rule}; values, MAC
     * and lastmodified stay as they are. The file must decrypt (MAC verified) with this machine's keys.
     */
    public byte[] updateKeys(String file, byte[] encrypted, SopsFormat format, CreationRule rule) {
        var decryptor = new SopsDecryptor(keyTypes);
        byte[] dataKey = decryptor.open(file, encrypted, format).dataKey();
        try {
            SopsFormat.Parsed parsed = decryptor.parse(file, encrypted, format);
            Metadata meta = MetadataCodec.read(parsed.sops(), file);
            List<KeyGroup> groups = dataKeys.wrap(dataKey, rule.keyGroups(), rule.shamirThreshold(), random, file);
            meta = meta.withKeyGroups(groups, groups.size() > 1
                    ? (rule.shamirThreshold() == 0 ? groups.size() : rule.shamirThreshold()) : 0);
            return format.writeEncrypted(parsed.documents(), MetadataCodec.write(meta), file);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }
}
