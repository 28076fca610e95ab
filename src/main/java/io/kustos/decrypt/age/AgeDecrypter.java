package io.kustos.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Opens age v1 files in memory with a list of identities: parse the header, find the file key
 * (first identity that opens a stanza), check the header MAC, then decrypt the payload.
 */
public final class AgeDecrypter {
    private final List<AgeIdentity> identities;

    public AgeDecrypter(List<? extends AgeIdentity> identities) {
        this.identities = List.copyOf(identities);
    }

    /**
     * Decrypts a binary age file to {@code out}, one authenticated chunk at a time: on a
     * {@link AgeFailure#PAYLOAD} failure, {@code out} holds the chunks that did authenticate.
     *
     * @throws AgeException of the kind that says what was wrong
     */
    public void decrypt(byte[] file, OutputStream out) {
        AgeHeader header = AgeHeader.parse(file);
        byte[] fileKey = fileKey(header);
        try {
            verifyMac(header, fileKey);
            PayloadStream.decrypt(fileKey, file, header.payloadOffset(), out);
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }

    /** Decrypts a binary age file. */
    public byte[] decrypt(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decrypt(file, out);
        return out.toByteArray();
    }

    /** Decrypts an ASCII-armored age file. */
    public byte[] decryptArmored(byte[] armored) {
        return decrypt(AgeArmor.decode(armored));
    }

    private byte[] fileKey(AgeHeader header) {
        List<Stanza> stanzas = header.stanzas();
        boolean scrypt = stanzas.stream().anyMatch(s -> s.type().equals(PassphraseIdentity.STANZA_TYPE));
        if (scrypt && stanzas.size() != 1) {
            throw new AgeException(AgeFailure.HEADER, "an scrypt stanza must be the only stanza in the header");
        }
        for (AgeIdentity identity : identities) {
            Optional<byte[]> fileKey = identity.unwrap(stanzas);
            if (fileKey.isPresent()) {
                return fileKey.get();
            }
        }
        throw new AgeException(AgeFailure.NO_MATCH, "none of " + identities.size()
                + " identities opens any of the " + stanzas.size() + " recipient stanzas "
                + stanzas.stream().map(Stanza::type).distinct().toList());
    }

    private static void verifyMac(AgeHeader header, byte[] fileKey) {
        byte[] macKey = Primitives.hkdf(fileKey, new byte[0], "header");
        try {
            byte[] mac = Primitives.hmacSha256(macKey, header.macInput(), header.macInput().length);
            if (!MessageDigest.isEqual(mac, header.mac())) {
                throw new AgeException(AgeFailure.HMAC, "the header was changed after it was written");
            }
        } finally {
            Arrays.fill(macKey, (byte) 0);
        }
    }
}
