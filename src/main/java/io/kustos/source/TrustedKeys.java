package io.kustos.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The OpenPGP public keys a source trusts to sign its heads, read from files of armored (as
 * {@code gpg --export --armor} writes them, several blocks allowed) or binary public keys.
 * A file holding a secret key is refused rather than read.
 */
final class TrustedKeys {
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern ARMOR = Pattern.compile(
            "-----BEGIN PGP ([A-Z ]+)-----.*?-----END PGP \\1-----", Pattern.DOTALL);

    private final List<PGPPublicKeyRing> rings;

    private TrustedKeys(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    static TrustedKeys of(List<PGPPublicKeyRing> rings) {
        return new TrustedKeys(rings);
    }

    /** Reads every file; {@code source} names the source in messages. */
    static TrustedKeys load(String source, List<Path> files) {
        var rings = new ArrayList<PGPPublicKeyRing>();
        for (Path file : files) {
            String where = "source '" + source + "': trusted keys file " + file + ": ";
            try {
                List<PGPPublicKeyRing> found = read(where, Files.readAllBytes(checkedSize(file)));
                if (found.isEmpty()) {
                    throw new TrustedKeysException(where + "holds no OpenPGP public key", null);
                }
                rings.addAll(found);
            } catch (NoSuchFileException e) {
                throw new TrustedKeysException(where + "no such file", null);
            } catch (IOException e) {
                throw new TrustedKeysException(where + "cannot be read: " + e.getMessage(), null);
            }
        }
        return new TrustedKeys(rings);
    }

    /** The trusted key (primary key or subkey) with this fingerprint, else with this key ID; or null. */
    PGPPublicKey find(byte[] fingerprint, long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = fingerprint != null ? ring.getPublicKey(fingerprint) : ring.getPublicKey(keyId);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    /** The primary key of the ring that holds {@code key}. */
    PGPPublicKey primaryOf(PGPPublicKey key) {
        for (PGPPublicKeyRing ring : rings) {
            if (ring.getPublicKey(key.getFingerprint()) != null) {
                return ring.getPublicKey();
            }
        }
        return key;
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    private static Path checkedSize(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes; is it the right file?");
        }
        return file;
    }

    private static List<PGPPublicKeyRing> read(String where, byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN PGP ")) {
            return parse(where, new ByteArrayInputStream(content));
        }
        var rings = new ArrayList<PGPPublicKeyRing>();
        Matcher m = ARMOR.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("PUBLIC KEY BLOCK")) {
                throw new TrustedKeysException(where + "holds a PGP " + m.group(1).toLowerCase(java.util.Locale.ROOT)
                        + "; give only public keys (gpg --export --armor KEYID)", null);
            }
            byte[] block = m.group().getBytes(StandardCharsets.ISO_8859_1);
            try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block))) {
                rings.addAll(parse(where, in));
            }
        }
        return rings;
    }

    private static List<PGPPublicKeyRing> parse(String where, InputStream in) {
        var rings = new ArrayList<PGPPublicKeyRing>();
        try {
            var factory = new BcPGPObjectFactory(in);
            for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
                if (o instanceof PGPSecretKeyRing) {
                    throw new TrustedKeysException(where + "holds a secret key; give only public keys (gpg --export --armor KEYID)", null);
                }
                if (!(o instanceof PGPPublicKeyRing ring)) {
                    throw new TrustedKeysException(where + "holds a " + o.getClass().getSimpleName()
                            + ", not an OpenPGP public key", null);
                }
                rings.add(ring);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TrustedKeysException t) {
                throw t;
            }
            throw new TrustedKeysException(where + "is not a valid OpenPGP public key file: " + e.getMessage(), null);
        }
        return rings;
    }
}
