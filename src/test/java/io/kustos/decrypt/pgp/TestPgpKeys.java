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
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;

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

    /**
     * An armored message of {@code plain} to the encryption subkey of the key in {@code keyData}
     * (armored, secret or public), its recipient hidden: key ID 0, as {@code gpg --throw-keyids}
     * writes it.
     */
    public static String encryptToHiddenRecipient(byte[] keyData, byte[] plain) {
        try {
            PGPPublicKey recipient = encryptionSubkey(keyData);
            var random = new SecureRandom();
            var out = new ByteArrayOutputStream();
            try (var armor = new ArmoredOutputStream(out)) {
                var gen = new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true).setSecureRandom(random));
                gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(random).setUseWildcardKeyID(true));
                try (OutputStream enc = gen.open(armor, new byte[4096]);
                     OutputStream lit = new PGPLiteralDataGenerator().open(enc, PGPLiteralData.BINARY, "", plain.length, new Date())) {
                    lit.write(plain);
                }
            }
            String armored = out.toString(StandardCharsets.US_ASCII);
            if (recipientKeyId(armored) != 0) {
                throw new IllegalStateException("the message names its recipient");
            }
            return armored;
        } catch (IOException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGPPublicKey encryptionSubkey(byte[] keyData) throws IOException {
        var in = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(keyData)));
        Object o;
        while ((o = in.nextObject()) != null) {
            Iterator<PGPPublicKey> keys = o instanceof PGPSecretKeyRing r ? r.getPublicKeys()
                    : o instanceof PGPPublicKeyRing r ? r.getPublicKeys() : Collections.emptyIterator();
            while (keys.hasNext()) {
                PGPPublicKey k = keys.next();
                if (!k.isMasterKey() && k.isEncryptionKey()) {
                    return k;
                }
            }
        }
        throw new IllegalStateException("no encryption subkey");
    }

    private static long recipientKeyId(String armored) throws IOException {
        var in = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII))));
        Object o;
        while ((o = in.nextObject()) != null) {
            if (o instanceof PGPEncryptedDataList list) {
                return ((PGPPublicKeyEncryptedData) list.get(0)).getKeyID();
            }
        }
        throw new IllegalStateException("no encrypted data");
    }
}
