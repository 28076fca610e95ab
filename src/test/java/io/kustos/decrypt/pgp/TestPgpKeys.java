package io.kustos.decrypt.pgp;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;

/** OpenPGP keys made for one test: RSA or Curve25519 (Ed25519 + X25519 ECDH), with or without a passphrase. */
public final class TestPgpKeys {
    public enum Algorithm { RSA, CURVE25519 }

    /** An armored secret key, its armored public key and its fingerprint. */
    public record Key(String armoredSecret, String armoredPublic, String fingerprint) {
    }

    private TestPgpKeys() {
    }

    public static Key generate(Algorithm alg, String passphrase) {
        try {
            var random = new SecureRandom();
            Date now = new Date(System.currentTimeMillis() - 60_000);
            PGPKeyPair primary;
            PGPKeyPair sub;
            if (alg == Algorithm.RSA) {
                var g = new RSAKeyPairGenerator();
                g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), random, 2048, 80));
                primary = new BcPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, g.generateKeyPair(), now);
                sub = new BcPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, g.generateKeyPair(), now);
            } else {
                var ed = new Ed25519KeyPairGenerator();
                ed.init(new Ed25519KeyGenerationParameters(random));
                primary = new BcPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, ed.generateKeyPair(), now);
                var x = new X25519KeyPairGenerator();
                x.init(new X25519KeyGenerationParameters(random));
                sub = new BcPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDH, x.generateKeyPair(), now);
            }
            var sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
            var signHashed = new PGPSignatureSubpacketGenerator();
            signHashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            var encHashed = new PGPSignatureSubpacketGenerator();
            encHashed.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            var encryptor = passphrase == null ? null
                    : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).build(passphrase.toCharArray());
            var gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, "kustos test <test@kustos.invalid>",
                    sha1, signHashed.generate(), null,
                    new BcPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), encryptor);
            gen.addSubKey(sub, encHashed.generate(), null);
            var secret = new ByteArrayOutputStream();
            try (var a = new ArmoredOutputStream(secret)) {
                gen.generateSecretKeyRing().encode(a);
            }
            var pub = new ByteArrayOutputStream();
            try (var a = new ArmoredOutputStream(pub)) {
                gen.generatePublicKeyRing().encode(a);
            }
            return new Key(secret.toString(StandardCharsets.US_ASCII), pub.toString(StandardCharsets.US_ASCII),
                    HexFormat.of().withUpperCase().formatHex(primary.getPublicKey().getFingerprint()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
