package io.kustos.decrypt.age;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** An age X25519 recipient, {@code age1…}: wraps a file key with an ephemeral X25519 exchange. */
public final class X25519Recipient implements AgeRecipient {
    static final String HRP = "age";
    static final String STANZA_TYPE = "X25519";
    static final String INFO = "age-encryption.org/v1/X25519";

    private final byte[] publicKey;

    X25519Recipient(byte[] publicKey) {
        if (publicKey.length != X25519.POINT_SIZE) {
            throw new IllegalArgumentException("an age X25519 recipient is " + X25519.POINT_SIZE + " bytes");
        }
        this.publicKey = publicKey.clone();
    }

    @Override
    public Stanza wrap(byte[] fileKey, SecureRandom random) {
        byte[] ephemeral = new byte[X25519.SCALAR_SIZE];
        byte[] shared = new byte[X25519.POINT_SIZE];
        byte[] wrapKey = null;
        try {
            random.nextBytes(ephemeral);
            byte[] share = new byte[X25519.POINT_SIZE];
            X25519.scalarMultBase(ephemeral, 0, share, 0);
            if (!X25519.calculateAgreement(ephemeral, 0, publicKey, 0, shared, 0)) {
                throw new IllegalArgumentException("age recipient " + this + " is a low-order point");
            }
            wrapKey = Primitives.hkdf(shared, concat(share, publicKey), INFO);
            return new Stanza(List.of(STANZA_TYPE, CanonicalBase64.encode(share)),
                    Primitives.seal(wrapKey, Primitives.ZERO_NONCE, fileKey));
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
            Arrays.fill(shared, (byte) 0);
            if (wrapKey != null) {
                Arrays.fill(wrapKey, (byte) 0);
            }
        }
    }

    @Override
    public boolean postQuantum() {
        return false;
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Recipient r && Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** The {@code age1…} form. */
    @Override
    public String toString() {
        return Bech32.encode(HRP, publicKey);
    }
}
