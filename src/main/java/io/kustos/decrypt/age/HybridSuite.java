package io.kustos.decrypt.age;

import org.bouncycastle.crypto.hpke.HPKE;

import java.nio.charset.StandardCharsets;

/**
 * The HPKE suite of age's {@code mlkem768x25519} stanzas: KEM MLKEM768-X25519 (X-Wing, KEM id
 * 0x647a), HKDF-SHA256, ChaCha20Poly1305, base mode, info {@code age-encryption.org/mlkem768x25519},
 * empty aad. Bouncy Castle 1.86 implements this KEM as {@link HPKE#kem_X_WING}.
 */
final class HybridSuite {
    static final String STANZA_TYPE = "mlkem768x25519";
    static final byte[] INFO = "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AAD = new byte[0];
    static final int SEED_SIZE = 32;
    static final int PUBLIC_KEY_SIZE = 1216;
    static final int ENC_SIZE = 1120;
    /** In enc, the ML-KEM-768 ciphertext comes first, then the 32-byte X25519 share. */
    static final int X25519_SHARE_OFFSET = 1088;

    private HybridSuite() {
    }

    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X_WING, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }
}
