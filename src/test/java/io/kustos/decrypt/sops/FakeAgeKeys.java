package io.kustos.decrypt.sops;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.MasterKeyType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test-only "age" master key type: a recipient is any string; enc is the data key XORed with
 * SHA-256(recipient), with a 4-byte check. It opens entries for the recipients it was given.
 */
final class FakeAgeKeys implements MasterKeyType {
    private final Set<String> identities;

    FakeAgeKeys(String... identities) {
        this.identities = Set.of(identities);
    }

    @Override
    public String name() {
        return "age";
    }

    @Override
    public Optional<byte[]> unwrap(Map<String, String> entry) {
        String r = entry.get("recipient");
        if (!identities.contains(r)) {
            return Optional.empty();
        }
        byte[] enc = Base64.getDecoder().decode(entry.get("enc").replace("-----BEGIN FAKE AGE-----", "").strip());
        byte[] pad = pad(r, enc.length - 4);
        byte[] out = new byte[enc.length - 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (enc[i] ^ pad[i]);
        }
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(sha(out), 4), java.util.Arrays.copyOfRange(enc, out.length, enc.length))) {
            throw new DecryptionException("age " + r + ": enc does not open");
        }
        return Optional.of(out);
    }

    @Override
    public Map<String, String> wrap(byte[] dataKey, String recipient) {
        byte[] pad = pad(recipient, dataKey.length);
        byte[] enc = new byte[dataKey.length + 4];
        for (int i = 0; i < dataKey.length; i++) {
            enc[i] = (byte) (dataKey[i] ^ pad[i]);
        }
        System.arraycopy(sha(dataKey), 0, enc, dataKey.length, 4);
        return Map.of("recipient", recipient, "enc", "-----BEGIN FAKE AGE-----\n" + Base64.getEncoder().encodeToString(enc) + "\n");
    }

    @Override
    public String describeKeys() {
        return "age identities for " + String.join(", ", identities.stream().sorted().toList());
    }

    private static byte[] pad(String recipient, int len) {
        byte[] h = sha(recipient.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = h[i % h.length];
        }
        return out;
    }

    private static byte[] sha(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
