package io.kustos.decrypt.age;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An age X25519 identity, {@code AGE-SECRET-KEY-1…}. Opens {@code X25519} stanzas as c2sp.org/age
 * says: two arguments, a canonical 32-byte share, a 32-byte body, no all-zero shared secret.
 */
public final class X25519Identity implements AgeIdentity {
    static final String HRP = "age-secret-key-";
    private static final int FILE_KEY_SIZE = 16;

    private final byte[] secret;
    private final X25519Recipient recipient;

    private X25519Identity(byte[] secret) {
        if (secret.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("an age X25519 identity is " + X25519.SCALAR_SIZE + " bytes");
        }
        this.secret = secret.clone();
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(this.secret, 0, pub, 0);
        this.recipient = new X25519Recipient(pub);
    }

    public static X25519Identity generate(SecureRandom random) {
        byte[] secret = new byte[X25519.SCALAR_SIZE];
        random.nextBytes(secret);
        try {
            return new X25519Identity(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** From the 32 data bytes of a decoded {@code AGE-SECRET-KEY-1…}. */
    static X25519Identity fromBytes(byte[] secret) {
        return new X25519Identity(secret);
    }

    /** The public key, {@code age1…}. */
    public X25519Recipient toRecipient() {
        return recipient;
    }

    @Override
    public String recipient() {
        return recipient.toString();
    }

    /** The secret in age's encoding, {@code AGE-SECRET-KEY-1…}: for writing a key file, nowhere else. */
    public String encodeSecret() {
        return Bech32.encode(HRP, secret).toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) {
        return AgeIdentity.firstOpened(stanzas, X25519Recipient.STANZA_TYPE, this::unwrap);
    }

    private Optional<byte[]> unwrap(Stanza stanza) {
        if (stanza.args().size() != 2) {
            throw malformed("must have exactly two arguments");
        }
        byte[] share;
        try {
            share = CanonicalBase64.decode(stanza.args().get(1), X25519.POINT_SIZE, "share");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        byte[] body = stanza.body();
        if (body.length != FILE_KEY_SIZE + Primitives.TAG_SIZE) {
            throw malformed("body must be " + (FILE_KEY_SIZE + Primitives.TAG_SIZE) + " bytes");
        }
        byte[] shared = new byte[X25519.POINT_SIZE];
        byte[] wrapKey = null;
        try {
            if (!X25519.calculateAgreement(secret, 0, share, 0, shared, 0)) {
                throw malformed("the share is a low-order point (all-zero shared secret)");
            }
            wrapKey = Primitives.hkdf(shared, X25519Recipient.concat(share, recipient.publicKey()), X25519Recipient.INFO);
            return Primitives.open(wrapKey, Primitives.ZERO_NONCE, body);
        } finally {
            Arrays.fill(shared, (byte) 0);
            if (wrapKey != null) {
                Arrays.fill(wrapKey, (byte) 0);
            }
        }
    }

    private static AgeException malformed(String reason) {
        return new AgeException(AgeFailure.HEADER, "X25519 stanza: " + reason);
    }

    @Override
    public String toString() {
        return "X25519Identity[" + recipient + "]";
    }
}
