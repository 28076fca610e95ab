package io.kustos.decrypt.pgp;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenPGP secret and public key rings read from armored (or binary) key data. */
final class PgpKeyRing {
    private static final Pattern ARMOR = Pattern.compile(
            "-----BEGIN PGP (PRIVATE|PUBLIC) KEY BLOCK-----.*?-----END PGP \\1 KEY BLOCK-----", Pattern.DOTALL);

    final List<PGPSecretKeyRing> secretRings = new ArrayList<>();
    final List<PGPPublicKeyRing> publicRings = new ArrayList<>();

    /**
     * Adds every key ring in {@code data}: one or more armored blocks, or binary key packets.
     *
     * @param source names the data in errors (a file name, never contents)
     */
    void add(byte[] data, String source) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher m = ARMOR.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            read(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.ISO_8859_1)), true, source);
        }
        if (!any) {
            read(new ByteArrayInputStream(data), false, source);
        }
    }

    private void read(InputStream in, boolean armored, String source) {
        try (InputStream s = armored ? ArmoredInputStream.builder().build(in) : in) {
            var factory = new BcPGPObjectFactory(s);
            Object o;
            int found = 0;
            while ((o = factory.nextObject()) != null) {
                if (o instanceof PGPSecretKeyRing r) {
                    secretRings.add(r);
                    found++;
                } else if (o instanceof PGPPublicKeyRing r) {
                    publicRings.add(r);
                    found++;
                }
            }
            if (found == 0) {
                throw new IllegalArgumentException(source + ": no OpenPGP key found");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith(source)) {
                throw iae;
            }
            throw new IllegalArgumentException(source + ": not a readable OpenPGP key (" + e.getClass().getSimpleName() + ")");
        }
    }

    static List<PGPPublicKey> publicKeys(PGPSecretKeyRing r) {
        List<PGPPublicKey> out = new ArrayList<>();
        r.getPublicKeys().forEachRemaining(out::add);
        return out;
    }

    static String fingerprint(PGPPublicKey k) {
        return HexFormat.of().withUpperCase().formatHex(k.getFingerprint());
    }

    /** Whether {@code fp} names this key (a full fingerprint, or its last 16 or 8 hex digits). */
    static boolean names(String fp, PGPPublicKey k) {
        String want = fp.replace(" ", "").toUpperCase(Locale.ROOT);
        return want.length() >= 8 && fingerprint(k).endsWith(want);
    }

    Optional<PGPSecretKeyRing> secretRing(String fp) {
        for (PGPSecretKeyRing r : secretRings) {
            for (PGPPublicKey k : publicKeys(r)) {
                if (names(fp, k)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    Optional<PGPSecretKey> secretKey(long keyId) {
        for (PGPSecretKeyRing r : secretRings) {
            PGPSecretKey k = r.getSecretKey(keyId);
            if (k != null) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * Every secret key that can decrypt (a private part and an encryption algorithm), those of
     * the ring holding a key named {@code fp} first: the keys to try on a hidden recipient.
     */
    List<PGPSecretKey> secretEncryptionKeys(String fp) {
        List<PGPSecretKeyRing> rings = new ArrayList<>(secretRings);
        secretRing(fp).ifPresent(named -> {
            rings.remove(named);
            rings.add(0, named);
        });
        List<PGPSecretKey> out = new ArrayList<>();
        for (PGPSecretKeyRing r : rings) {
            r.getSecretKeys().forEachRemaining(k -> {
                if (!k.isPrivateKeyEmpty() && k.getPublicKey().isEncryptionKey()) {
                    out.add(k);
                }
            });
        }
        return out;
    }

    /** The public ring holding a key named {@code fp}, from secret or public keys. */
    Optional<PGPPublicKeyRing> publicRing(String fp) {
        List<PGPPublicKeyRing> all = new ArrayList<>();
        secretRings.forEach(r -> all.add(new PGPPublicKeyRing(publicKeys(r))));
        all.addAll(publicRings);
        for (PGPPublicKeyRing r : all) {
            for (PGPPublicKey k : r) {
                if (names(fp, k)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** The key to encrypt to: a valid encryption subkey, else an encryption-capable primary key. */
    static Optional<PGPPublicKey> encryptionKey(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        if (primary.hasRevocation()) {
            return Optional.empty();
        }
        PGPPublicKey fallback = null;
        for (PGPPublicKey k : ring) {
            if (!k.isEncryptionKey() || k.hasRevocation() || expired(k)) {
                continue;
            }
            if (!k.isMasterKey()) {
                return Optional.of(k);
            }
            fallback = k;
        }
        return Optional.ofNullable(fallback);
    }

    private static boolean expired(PGPPublicKey k) {
        long valid = k.getValidSeconds();
        return valid > 0 && k.getCreationTime().getTime() + valid * 1000 < System.currentTimeMillis();
    }

}
