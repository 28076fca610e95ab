package io.kustos.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes age v1 files for one or more recipients, like {@code age -r … [-a]}: a fresh 16-byte file
 * key, one stanza per recipient, the header MAC, and the STREAM payload under a fresh nonce.
 */
public final class AgeEncrypter {
    private static final int FILE_KEY_SIZE = 16;

    private final List<AgeRecipient> recipients;
    private final SecureRandom random;

    public AgeEncrypter(List<? extends AgeRecipient> recipients) {
        this(recipients, new SecureRandom());
    }

    public AgeEncrypter(List<? extends AgeRecipient> recipients, SecureRandom random) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("age: at least one recipient is needed");
        }
        long postQuantum = recipients.stream().filter(AgeRecipient::postQuantum).count();
        if (postQuantum != 0 && postQuantum != recipients.size()) {
            throw new IllegalArgumentException("age: post-quantum (age1pq1…) and X25519 (age1…) recipients "
                    + "cannot be mixed in one file; the file would be only as strong as the weaker kind");
        }
        this.recipients = List.copyOf(recipients);
        this.random = random;
    }

    /** A binary age file. */
    public byte[] encrypt(byte[] plaintext) {
        byte[] fileKey = new byte[FILE_KEY_SIZE];
        random.nextBytes(fileKey);
        byte[] macKey = Primitives.hkdf(fileKey, new byte[0], "header");
        try {
            List<Stanza> stanzas = new ArrayList<>();
            for (AgeRecipient recipient : recipients) {
                stanzas.add(recipient.wrap(fileKey, random));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(AgeHeader.encode(stanzas, macKey));
            out.writeBytes(PayloadStream.encrypt(fileKey, plaintext, random));
            return out.toByteArray();
        } finally {
            Arrays.fill(fileKey, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }
    }

    /** An ASCII-armored age file, as {@code age -a} writes it. */
    public String encryptArmored(byte[] plaintext) {
        return AgeArmor.encode(encrypt(plaintext));
    }
}
