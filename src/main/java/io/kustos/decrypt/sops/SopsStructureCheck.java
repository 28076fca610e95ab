package io.kustos.decrypt.sops;

import io.kustos.decrypt.Decryptor;

import java.security.SecureRandom;
import java.util.List;

/**
 * Reads SOPS files on a machine without their keys ({@code kustos validate}): checks what
 * {@link SopsDecryptor} checks before it needs a key (the size, the format, the {@code sops:}
 * block, that it names a master key, that the MAC is there in sops's value format, that every
 * encrypted value is in sops's format) and returns the documents with each encrypted value
 * replaced by a stand-in of its type, so that render still checks the manifest around them.
 * Whether the values and the MAC are right takes the key; no value is ever read.
 */
public final class SopsStructureCheck implements Decryptor {
    /** Only its format checks are used: it never encrypts nor decrypts. */
    private final ValueCipher cipher = new ValueCipher(new SecureRandom());
    private final SopsDecryptor reader = new SopsDecryptor(List.of());

    @Override
    public byte[] decrypt(String file, byte[] encrypted) {
        SopsFormat format = SopsFormat.forFile(file);
        SopsFormat.Parsed parsed = reader.parse(file, encrypted, format);
        Metadata meta = MetadataCodec.read(parsed.sops(), file);
        if (meta.keyGroups().stream().allMatch(KeyGroup::isEmpty)) {
            throw new SopsException(file, "sops", SopsException.Kind.FORMAT,
                    "the sops block names no master key (age, pgp, …), so nobody can decrypt the file");
        }
        if (meta.mac().isEmpty()) {
            throw new SopsException(file, "sops.mac", SopsException.Kind.MAC, SopsDecryptor.NO_MAC);
        }
        Object mac;
        try {
            mac = cipher.placeholder(meta.mac(), file, "sops.mac");
        } catch (SopsException e) {
            mac = null;
        }
        if (!(mac instanceof String)) {
            throw new SopsException(file, "sops.mac", SopsException.Kind.MAC, SopsDecryptor.BAD_MAC);
        }
        TreeCrypt.withoutKey(meta.rules(), cipher, file).decrypt(parsed.documents());
        return format.writePlain(parsed.documents(), file);
    }
}
