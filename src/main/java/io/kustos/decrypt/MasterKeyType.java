package io.kustos.decrypt;

import java.util.Map;
import java.util.Optional;

/**
 * One kind of SOPS master key (age, pgp): opens, and makes, the per-file 32-byte data key stored
 * in a file's {@code sops:} block. Each implementation holds this machine's keys of its kind.
 *
 * <p>An entry is one element of the metadata list named {@link #name()}, with string values as
 * sops writes them: for age {@code recipient} and {@code enc} (an armored age file); for pgp
 * {@code fp}, {@code created_at} and {@code enc} (an armored OpenPGP message).
 */
public interface MasterKeyType {
    /** {@code age} or {@code pgp}: the list in the {@code sops:} block this kind reads. */
    String name();

    /**
     * The data key, if one of this machine's keys opens {@code entry}; empty when none is meant
     * for it.
     *
     * @throws DecryptionException when a key is meant for the entry but it does not open (tampered
     *                             or malformed), naming the entry, never key material
     */
    Optional<byte[]> unwrap(Map<String, String> entry);

    /** A new metadata entry that gives {@code dataKey} to {@code recipient} (age public key, pgp fingerprint). */
    Map<String, String> wrap(byte[] dataKey, String recipient);

    /** Something to name in "no key fits" errors: what recipients this machine can open, never secrets. */
    String describeKeys();
}
