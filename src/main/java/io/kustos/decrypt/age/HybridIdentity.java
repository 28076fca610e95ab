package io.kustos.decrypt.age;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An age hybrid post-quantum identity, {@code AGE-SECRET-KEY-PQ-1…}: a 32-byte MLKEM768-X25519
 * (X-Wing) seed. Opens {@code mlkem768x25519} stanzas with HPKE OpenBase ({@link HybridSuite}).
 *
 * <p>Besides what HPKE checks, the X25519 half of enc must not be a low-order point (the testkit
 * requires that as a header failure); X-Wing expands the seed with SHAKE256 to 96 bytes, the last
 * 32 of which are the X25519 secret, and that is what the check uses.
 */
public final class HybridIdentity implements AgeIdentity {
    static final String HRP = "age-secret-key-pq-";
    private static final int BODY_SIZE = 32;

    private final byte[] seed;
    private final HybridRecipient recipient;

    private HybridIdentity(byte[] seed) {
        if (seed.length != HybridSuite.SEED_SIZE) {
            throw new IllegalArgumentException("an age hybrid identity is " + HybridSuite.SEED_SIZE + " bytes");
        }
        this.seed = seed.clone();
        this.recipient = new HybridRecipient(HybridSuite.hpke().serializePublicKey(keyPair().getPublic()));
    }

    static HybridIdentity fromBytes(byte[] seed) {
        return new HybridIdentity(seed);
    }

    private AsymmetricCipherKeyPair keyPair() {
        return HybridSuite.hpke().deserializePrivateKey(seed, null);
    }

    @Override
    public String recipient() {
        return recipient.toString();
    }

    public HybridRecipient toRecipient() {
        return recipient;
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) {
        return AgeIdentity.firstOpened(stanzas, HybridSuite.STANZA_TYPE, this::unwrap);
    }

    private Optional<byte[]> unwrap(Stanza stanza) {
        if (stanza.args().size() != 2) {
            throw malformed("must have exactly two arguments");
        }
        byte[] enc;
        try {
            enc = CanonicalBase64.decode(stanza.args().get(1), HybridSuite.ENC_SIZE, "enc");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        byte[] body = stanza.body();
        if (body.length != BODY_SIZE) {
            throw malformed("body must be " + BODY_SIZE + " bytes");
        }
        rejectLowOrderShare(enc);
        try {
            return Optional.of(HybridSuite.hpke().open(enc, keyPair(), HybridSuite.INFO, HybridSuite.AAD, body,
                    null, null, null));
        } catch (InvalidCipherTextException e) {
            return Optional.empty();
        }
    }

    private void rejectLowOrderShare(byte[] enc) {
        byte[] expanded = new byte[96];
        byte[] shared = new byte[X25519.POINT_SIZE];
        try {
            SHAKEDigest shake = new SHAKEDigest(256);
            shake.update(seed, 0, seed.length);
            shake.doFinal(expanded, 0, expanded.length);
            if (!X25519.calculateAgreement(expanded, 64, enc, HybridSuite.X25519_SHARE_OFFSET, shared, 0)) {
                throw malformed("the X25519 share is a low-order point (all-zero shared secret)");
            }
        } finally {
            Arrays.fill(expanded, (byte) 0);
            Arrays.fill(shared, (byte) 0);
        }
    }

    private static AgeException malformed(String reason) {
        return new AgeException(AgeFailure.HEADER, "mlkem768x25519 stanza: " + reason);
    }

    @Override
    public String toString() {
        return "HybridIdentity[" + recipient().substring(0, 16) + "…]";
    }
}
