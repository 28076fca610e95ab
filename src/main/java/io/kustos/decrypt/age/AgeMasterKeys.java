package io.kustos.decrypt.age;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.MasterKeyType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SOPS age master keys: each {@code sops.age} entry holds, for one recipient, an armored age file
 * whose payload is the file's 32-byte data key. This machine's identities come from age identity
 * files.
 */
public final class AgeMasterKeys implements MasterKeyType {
    static final int DATA_KEY_SIZE = 32;
    /** An entry holds one wrapped 32-byte key: a few hundred bytes, a few KiB for post-quantum. */
    private static final int MAX_ENC_SIZE = 64 * 1024;

    private final List<AgeIdentity> identities;
    private final SecureRandom random = new SecureRandom();

    /**
     * @throws DecryptionException naming the file and line when an identity file is unreadable or invalid
     */
    public AgeMasterKeys(List<Path> identityFiles) {
        this(identityFiles.stream().flatMap(f -> AgeIdentityFile.read(f).stream()).toArray(AgeIdentity[]::new));
    }

    private AgeMasterKeys(AgeIdentity[] identities) {
        this.identities = List.of(identities);
    }

    /** For identities already in memory (tests, keys from elsewhere). */
    public static AgeMasterKeys of(List<? extends AgeIdentity> identities) {
        return new AgeMasterKeys(identities.toArray(AgeIdentity[]::new));
    }

    @Override
    public String name() {
        return "age";
    }

    @Override
    public Optional<byte[]> unwrap(Map<String, String> entry) {
        String recipient = entry.getOrDefault("recipient", "(no recipient)");
        String enc = entry.get("enc");
        if (enc == null || enc.isBlank()) {
            throw new DecryptionException("age: the entry for recipient " + recipient + " has no enc");
        }
        if (enc.length() > MAX_ENC_SIZE) {
            throw new DecryptionException("age: the entry for recipient " + recipient + " is larger than "
                    + MAX_ENC_SIZE + " bytes");
        }
        byte[] dataKey;
        try {
            dataKey = new AgeDecrypter(identities).decryptArmored(enc.getBytes(StandardCharsets.UTF_8));
        } catch (AgeException e) {
            if (e.failure() == AgeFailure.NO_MATCH) {
                return Optional.empty();
            }
            throw new DecryptionException("age: cannot open the data key for recipient " + recipient + ": "
                    + e.getMessage());
        }
        if (dataKey.length != DATA_KEY_SIZE) {
            int length = dataKey.length;
            Arrays.fill(dataKey, (byte) 0);
            throw new DecryptionException("age: the entry for recipient " + recipient + " holds " + length
                    + " bytes, not a " + DATA_KEY_SIZE + "-byte data key");
        }
        return Optional.of(dataKey);
    }

    @Override
    public Map<String, String> wrap(byte[] dataKey, String recipient) {
        AgeRecipient parsed;
        try {
            parsed = AgeRecipient.parse(recipient);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("age: " + e.getMessage());
        }
        return Map.of("recipient", recipient, "enc", new AgeEncrypter(List.of(parsed), random).encryptArmored(dataKey));
    }

    @Override
    public String describeKeys() {
        if (identities.isEmpty()) {
            return "no age identities";
        }
        return "age identities for " + identities.stream().map(AgeMasterKeys::shortRecipient)
                .collect(Collectors.joining(", "));
    }

    /**
     * age1pq1 recipients are ~1950 characters; the first 24 tell them apart in a message. Told by the
     * identity's type, not the text: an X25519 recipient's data may begin with "pq" too ({@code age1pqz…}).
     */
    private static String shortRecipient(AgeIdentity identity) {
        String r = identity.recipient();
        return identity instanceof HybridIdentity ? r.substring(0, 24) + "…" : r;
    }

    @Override
    public String toString() {
        return "AgeMasterKeys[" + describeKeys() + "]";
    }
}
