package io.kustos.decrypt.pgp;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.MasterKeyType;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SOPS's {@code pgp} master keys: armored OpenPGP secret keys (RSA, Curve25519 ECDH, …) open the
 * data key from an entry's {@code enc} message; public keys (or the public half of a secret key)
 * wrap a data key for a fingerprint. All in memory with Bouncy Castle; no gpg, no agent.
 */
public final class PgpMasterKeys implements MasterKeyType {
    private final PgpKeyRing ring;
    private final char[] passphrase;
    private final SecureRandom random = new SecureRandom();

    private PgpMasterKeys(PgpKeyRing ring, char[] passphrase) {
        this.ring = ring;
        this.passphrase = passphrase;
    }

    /**
     * Keys from files: armored OpenPGP secret keys and public keys (several blocks in a file are
     * fine), with the secret keys' passphrase from {@code passphraseFile} (its first line), if any.
     *
     * @throws DecryptionException naming a file that cannot be read, never its contents
     */
    public static PgpMasterKeys fromFiles(List<Path> keyFiles, Path passphraseFile) {
        List<byte[]> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : keyFiles) {
            data.add(read(p));
            names.add(p.toString());
        }
        char[] pass = null;
        if (passphraseFile != null) {
            String text = new String(read(passphraseFile), StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            pass = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "").toCharArray();
        }
        return fromKeyData(data, names, pass);
    }

    /** Keys from armored or binary key data; {@code passphrase} may be null. */
    public static PgpMasterKeys fromKeyData(List<byte[]> keyData, List<String> sources, char[] passphrase) {
        var ring = new PgpKeyRing();
        for (int i = 0; i < keyData.size(); i++) {
            try {
                ring.add(keyData.get(i), sources.get(i));
            } catch (IllegalArgumentException e) {
                throw new DecryptionException(e.getMessage());
            }
        }
        return new PgpMasterKeys(ring, passphrase == null ? null : passphrase.clone());
    }

    /** Whether {@code data} looks like an OpenPGP secret key (for telling key files apart). */
    public static boolean isSecretKey(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).contains("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Override
    public String name() {
        return "pgp";
    }

    @Override
    public Optional<byte[]> unwrap(Map<String, String> entry) {
        String fp = entry.getOrDefault("fp", "");
        String enc = entry.get("enc");
        if (enc == null || enc.isEmpty()) {
            return Optional.empty();
        }
        boolean named = ring.secretRing(fp).isPresent();
        PGPEncryptedDataList list;
        try {
            list = encryptedDataList(enc);
        } catch (IOException | RuntimeException e) {
            if (!named) {
                return Optional.empty();
            }
            throw new DecryptionException("pgp key " + fp + ": the entry's enc is not an OpenPGP message");
        }
        List<PGPPublicKeyEncryptedData> hidden = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof PGPPublicKeyEncryptedData pked)) {
                continue;
            }
            if (pked.getKeyIdentifier().isWildcard()) {
                hidden.add(pked);
                continue;
            }
            Optional<PGPSecretKey> secret = ring.secretKey(pked.getKeyID());
            if (secret.isEmpty()) {
                continue;
            }
            return Optional.of(decrypt(pked, secret.get(), fp));
        }
        Optional<byte[]> opened = openHidden(hidden, fp);
        if (opened.isPresent() || !named) {
            return opened;
        }
        throw new DecryptionException("pgp key " + fp + (hidden.isEmpty()
                ? ": the message is not encrypted to any of this key's subkeys"
                : ": the message hides its recipient (key ID 0) and none of this machine's secret keys opens it"));
    }

    /**
     * Opens a message sent to a hidden recipient (wildcard key ID 0, {@code gpg --throw-keyids},
     * RFC 4880 §5.1) as gpg does: by trying each secret encryption key, those of the key the entry
     * names first. A key that cannot be unlocked is skipped; if none opened the message and one
     * could not be unlocked, that is the error.
     */
    private Optional<byte[]> openHidden(List<PGPPublicKeyEncryptedData> hidden, String fp) {
        if (hidden.isEmpty()) {
            return Optional.empty();
        }
        DecryptionException locked = null;
        for (PGPSecretKey secret : ring.secretEncryptionKeys(fp)) {
            PGPPrivateKey key;
            try {
                key = unlock(secret, fp);
            } catch (DecryptionException e) {
                locked = e;
                continue;
            }
            for (PGPPublicKeyEncryptedData pked : hidden) {
                try {
                    return Optional.of(open(pked, key));
                } catch (PGPException | IOException | RuntimeException notThisKey) {
                    // the next key, as gpg does: a wrong key and a damaged message look the same here
                }
            }
        }
        if (locked != null) {
            throw locked;
        }
        return Optional.empty();
    }

    private byte[] decrypt(PGPPublicKeyEncryptedData pked, PGPSecretKey secret, String fp) {
        PGPPrivateKey key = unlock(secret, fp);
        try {
            return open(pked, key);
        } catch (PGPException | IOException | RuntimeException e) {
            throw new DecryptionException("pgp key " + fp + ": the encrypted data key does not decrypt (tampered or damaged enc)");
        }
    }

    private PGPPrivateKey unlock(PGPSecretKey secret, String fp) {
        try {
            return secret.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                    .build(passphrase == null ? new char[0] : passphrase));
        } catch (PGPException | RuntimeException e) {
            throw new DecryptionException("pgp key " + fp + ": cannot unlock the secret key "
                    + Long.toHexString(secret.getKeyID()).toUpperCase() + " (wrong or missing passphrase: set pgpPassphraseFile)");
        }
    }

    /** The message's literal data, decrypted with {@code key} and integrity-checked. */
    private static byte[] open(PGPPublicKeyEncryptedData pked, PGPPrivateKey key) throws PGPException, IOException {
        try (InputStream clear = pked.getDataStream(new BcPublicKeyDataDecryptorFactory(key))) {
            byte[] data = literal(new BcPGPObjectFactory(clear));
            if (!pked.isIntegrityProtected()) {
                throw new PGPException("message without integrity protection");
            }
            if (!pked.verify()) {
                throw new PGPException("integrity check failed");
            }
            return data;
        }
    }

    private static byte[] literal(BcPGPObjectFactory f) throws IOException, PGPException {
        Object o = f.nextObject();
        while (o != null) {
            if (o instanceof PGPCompressedData c) {
                return literal(new BcPGPObjectFactory(c.getDataStream()));
            }
            if (o instanceof PGPLiteralData l) {
                try (InputStream in = l.getInputStream()) {
                    return in.readAllBytes();
                }
            }
            o = f.nextObject();
        }
        throw new PGPException("no literal data");
    }

    private static PGPEncryptedDataList encryptedDataList(String armored) throws IOException {
        InputStream in = ArmoredInputStream.builder().build(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)));
        var f = new BcPGPObjectFactory(in);
        Object o;
        while ((o = f.nextObject()) != null) {
            if (o instanceof PGPEncryptedDataList l) {
                return l;
            }
        }
        throw new IOException("no encrypted data");
    }

    @Override
    public Map<String, String> wrap(byte[] dataKey, String recipient) {
        var pub = ring.publicRing(recipient).orElseThrow(() -> new DecryptionException(
                "pgp " + recipient + ": no public key with this fingerprint is loaded (pass its key file)"));
        PGPPublicKey encKey = PgpKeyRing.encryptionKey(pub).orElseThrow(() -> new DecryptionException(
                "pgp " + recipient + ": the key has no valid encryption key"));
        var out = new ByteArrayOutputStream();
        try {
            ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out);
            var gen = new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                    .setWithIntegrityPacket(true).setSecureRandom(random));
            gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(encKey).setSecureRandom(random));
            try (OutputStream enc = gen.open(armor, new byte[4096]);
                 OutputStream lit = new PGPLiteralDataGenerator().open(enc, PGPLiteralData.BINARY, "", dataKey.length, new Date())) {
                lit.write(dataKey);
            }
            armor.close();
        } catch (IOException | PGPException e) {
            throw new DecryptionException("pgp " + recipient + ": cannot encrypt the data key (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("created_at", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")));
        entry.put("enc", out.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n").stripTrailing());
        entry.put("fp", PgpKeyRing.fingerprint(pub.getPublicKey()));
        return entry;
    }

    @Override
    public String describeKeys() {
        List<String> secret = new ArrayList<>();
        for (PGPSecretKeyRing r : ring.secretRings) {
            secret.add(PgpKeyRing.fingerprint(r.getPublicKey()));
        }
        List<String> pub = new ArrayList<>();
        ring.publicRings.forEach(r -> pub.add(PgpKeyRing.fingerprint(r.getPublicKey())));
        return "pgp secret keys " + (secret.isEmpty() ? "(none)" : String.join(", ", secret))
                + (pub.isEmpty() ? "" : "; pgp public keys " + String.join(", ", pub));
    }

    /** Primary-key fingerprints of the loaded secret keys. */
    public List<String> secretKeyFingerprints() {
        return ring.secretRings.stream().map(r -> PgpKeyRing.fingerprint(r.getPublicKey())).toList();
    }

    @Override
    public String toString() {
        return "PgpMasterKeys[" + describeKeys() + "]";
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new DecryptionException(p + ": cannot read the key file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Forgets the passphrase. */
    public void clear() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }
}
