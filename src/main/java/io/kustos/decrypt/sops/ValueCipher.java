package io.kustos.decrypt.sops;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value in sops's format {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}: AES-256-GCM with a
 * 32-byte IV, a 16-byte tag and the value's key path as additional data.
 */
public final class ValueCipher {
    public static final String PREFIX = "ENC[";
    private static final Pattern FORMAT =
            Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
    private static final int IV_BYTES = 32;
    private static final int TAG_BITS = 128;
    private static final java.util.Set<String> TYPES = java.util.Set.of("str", "int", "float", "bool", "bytes", "time", "comment");

    private final SecureRandom random;
    /**
     * One AES-GCM cipher per thread for decrypting, initialised again for every value: looking the transformation up in
     * the providers ({@link Cipher#getInstance}) for each of a cold apply's ~3,500 values was 1% of its CPU.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(ValueCipher::newGcm);

    public ValueCipher(SecureRandom random) {
        this.random = random;
    }

    /** Whether a string is meant to be a sops value (starts with {@code ENC[}). */
    public static boolean looksEncrypted(String s) {
        return s.startsWith(PREFIX);
    }

    /**
     * Encrypts a plaintext value (String, Long, Double, Boolean, byte[], Comment). An empty string
     * stays empty, as in sops.
     */
    public String encrypt(Object plaintext, byte[] key, String aad) {
        byte[] plain = PlainValues.toBytes(plaintext);
        if (plain.length == 0 && !(plaintext instanceof Long || plaintext instanceof Double || plaintext instanceof Boolean)) {
            return "";
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, key, iv, aad);
            byte[] out = gcm.doFinal(plain);
            int dataLen = out.length - TAG_BITS / 8;
            var b64 = Base64.getEncoder();
            return "ENC[AES256_GCM,data:" + b64.encodeToString(java.util.Arrays.copyOf(out, dataLen))
                    + ",iv:" + b64.encodeToString(iv)
                    + ",tag:" + b64.encodeToString(java.util.Arrays.copyOfRange(out, dataLen, out.length))
                    + ",type:" + PlainValues.typeOf(plaintext) + "]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Decrypts one sops value into its typed plaintext.
     *
     * @param file and {@code path} only name the place in error messages
     * @throws SopsException kind {@code format} for a malformed value, {@code auth} when the tag fails
     */
    public Object decrypt(String ciphertext, byte[] key, String aad, String file, String path) {
        if (ciphertext.isEmpty()) {
            return "";
        }
        Sealed sealed = sealed(ciphertext, file, path);
        byte[] plain;
        try {
            Cipher gcm = gcm(Cipher.DECRYPT_MODE, key, sealed.iv(), aad);
            gcm.update(sealed.data());
            plain = gcm.doFinal(sealed.tag());
        } catch (AEADBadTagException e) {
            throw new SopsException(file, path, SopsException.Kind.AUTH,
                    "the value does not authenticate (AES-GCM tag mismatch: the value was changed, "
                            + "moved from another key, or encrypted with another data key)");
        } catch (GeneralSecurityException e) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT,
                    "the value cannot be decrypted (" + e.getClass().getSimpleName() + ")");
        }
        return typed(plain, sealed.type(), file, path);
    }

    /** The parts of one sops value, its format checked. */
    private record Sealed(byte[] data, byte[] iv, byte[] tag, String type) {
    }

    /**
     * The value's format checked as {@link #decrypt} checks it, without a key: for reading a file
     * whose keys this machine lacks. Returns a stand-in of the value's type (empty string, 0, 0.0,
     * false, no bytes), never the value.
     *
     * @throws SopsException kind {@code format} for a malformed value
     */
    public Object placeholder(String ciphertext, String file, String path) {
        if (ciphertext.isEmpty()) {
            return "";
        }
        return switch (sealed(ciphertext, file, path).type()) {
            case "int" -> 0L;
            case "float" -> 0.0d;
            case "bool" -> Boolean.FALSE;
            case "bytes" -> new byte[0];
            case "comment" -> new Comment("");
            default -> "";
        };
    }

    private static Sealed sealed(String ciphertext, String file, String path) {
        Matcher m = FORMAT.matcher(ciphertext);
        if (!m.find()) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT,
                    "the value is not in sops's format ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]");
        }
        byte[] data = base64(m.group(1), "data", file, path);
        byte[] iv = base64(m.group(2), "iv", file, path);
        byte[] tag = base64(m.group(3), "tag", file, path);
        String type = m.group(4);
        if (!TYPES.contains(type)) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT,
                    "unknown value type '" + printable(type) + "' (known: str, int, float, bool, bytes, time, comment)");
        }
        if (iv.length == 0 || tag.length != TAG_BITS / 8) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT,
                    "iv must not be empty and tag must be 16 bytes (iv " + iv.length + ", tag " + tag.length + " bytes)");
        }
        return new Sealed(data, iv, tag, type);
    }

    private static Object typed(byte[] plain, String type, String file, String path) {
        String text = new String(plain, StandardCharsets.UTF_8);
        try {
            return switch (type) {
                case "str", "time" -> text;
                case "int" -> Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                case "float" -> PlainValues.parseFloat(text);
                case "bytes" -> plain;
                case "comment" -> new Comment(text);
                default -> {
                    Boolean b = PlainValues.parseBool(text);
                    if (b == null) {
                        throw new NumberFormatException("not a bool");
                    }
                    yield b;
                }
            };
        } catch (NumberFormatException e) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT,
                    "the decrypted value is not a valid " + type + " (value hidden)");
        }
    }

    private static byte[] base64(String s, String field, String file, String path) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT, "bad base64 in the value's " + field);
        }
    }

    /**
     * A cipher for one value. Decrypting reuses this thread's; encrypting takes a new one, since a GCM cipher
     * refuses to encrypt twice with one key and IV (a test's fixed randomness could repeat them).
     */
    private Cipher gcm(int mode, byte[] key, byte[] iv, String aad) throws GeneralSecurityException {
        Cipher c = mode == Cipher.DECRYPT_MODE ? ciphers.get() : newGcm();
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    /** A type word is file structure, not a secret, but keep it short and printable. */
    private static String printable(String s) {
        String t = s.replaceAll("[^A-Za-z0-9_-]", "?");
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }
}
