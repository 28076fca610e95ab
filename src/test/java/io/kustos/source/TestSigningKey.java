package io.kustos.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/** An OpenPGP signing key made for one test with Bouncy Castle, which signs like {@code git commit -S}. */
public final class TestSigningKey {
    public enum Algorithm { ED25519, RSA }

    private final PGPSecretKeyRing secret;
    private final PGPPublicKeyRing pub;

    private TestSigningKey(PGPSecretKeyRing secret, PGPPublicKeyRing pub) {
        this.secret = secret;
        this.pub = pub;
    }

    public static TestSigningKey generate(Algorithm alg, String userId) {
        try {
            var random = new SecureRandom();
            Date created = new Date(System.currentTimeMillis() - 3_600_000);
            PGPKeyPair pair;
            if (alg == Algorithm.RSA) {
                var g = new RSAKeyPairGenerator();
                g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), random, 2048, 80));
                pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, g.generateKeyPair(), created);
            } else {
                var g = new Ed25519KeyPairGenerator();
                g.init(new Ed25519KeyGenerationParameters(random));
                pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, g.generateKeyPair(), created);
            }
            var flags = new PGPSignatureSubpacketGenerator();
            flags.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            var gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), flags.generate(), null,
                    new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), null);
            return new TestSigningKey(gen.generateSecretKeyRing(), gen.generatePublicKeyRing());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String fingerprint() {
        return HexFormat.of().withUpperCase().formatHex(pub.getPublicKey().getFingerprint());
    }

    public PGPPublicKeyRing publicRing() {
        return pub;
    }

    public String armoredPublicKey() {
        return armor(pub::encode);
    }

    /** For importing into a throw-away gpg home in interop tests. */
    public String armoredSecretKey() {
        return armor(secret::encode);
    }

    /** A detached, armored signature over {@code payload}, SHA-256 by default, as git's gpgsig header holds. */
    public String sign(byte[] payload) {
        return sign(payload, HashAlgorithmTags.SHA256);
    }

    public String sign(byte[] payload, int hashAlgorithm) {
        try {
            var key = secret.getSecretKey();
            var gen = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), hashAlgorithm),
                    key.getPublicKey());
            gen.init(PGPSignature.BINARY_DOCUMENT, key.extractPrivateKey(null));
            var hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, key);
            gen.setHashedSubpackets(hashed.generate());
            gen.update(payload);
            PGPSignature sig = gen.generate();
            return armor(sig::encode);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same signature with one byte of its signature value changed, re-armored with a correct checksum. */
    public static String tamper(String armored) {
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            PGPSignature sig = ((PGPSignatureList) new BcPGPObjectFactory(in).nextObject()).get(0);
            byte[] bytes = sig.getEncoded();
            bytes[bytes.length - 5] ^= 0x01;
            return armor(out -> out.write(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Encoder {
        void encode(java.io.OutputStream out) throws IOException;
    }

    private static String armor(Encoder encoder) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var out = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
                encoder.encode(out);
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
