package io.kustos.decrypt.age;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * An age hybrid post-quantum recipient, {@code age1pq1…}: an MLKEM768-X25519 encapsulation key
 * (1216 bytes). Wraps a file key with HPKE SealBase ({@link HybridSuite}).
 */
public final class HybridRecipient implements AgeRecipient {
    static final String HRP = "age1pq";

    private final byte[] publicKey;

    HybridRecipient(byte[] publicKey) {
        if (publicKey.length != HybridSuite.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an age1pq recipient is " + HybridSuite.PUBLIC_KEY_SIZE + " bytes");
        }
        this.publicKey = publicKey.clone();
    }

    /**
     * Bouncy Castle's HPKE draws its ephemeral randomness from its own SecureRandom; {@code random}
     * is not used for this type.
     */
    @Override
    public Stanza wrap(byte[] fileKey, SecureRandom random) {
        var hpke = HybridSuite.hpke();
        AsymmetricKeyParameter pk = hpke.deserializePublicKey(publicKey);
        byte[][] sealed;
        try {
            sealed = hpke.seal(pk, HybridSuite.INFO, HybridSuite.AAD, fileKey, null, null, null);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
        return new Stanza(List.of(HybridSuite.STANZA_TYPE, CanonicalBase64.encode(sealed[1])), sealed[0]);
    }

    @Override
    public boolean postQuantum() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridRecipient r && Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** The {@code age1pq1…} form (about 1950 characters). */
    @Override
    public String toString() {
        return Bech32.encode(HRP, publicKey);
    }
}
