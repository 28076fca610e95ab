package io.kustos.decrypt.age;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A changed byte anywhere fails, with the kind that says where: header, MAC, payload, armor. */
class TamperingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final X25519Identity mine = X25519Identity.generate(RANDOM);
    private final X25519Identity other = X25519Identity.generate(RANDOM);
    private final byte[] plaintext = RoundTripTest.random(70_000);
    private final byte[] file = new AgeEncrypter(List.of(mine.toRecipient(), other.toRecipient())).encrypt(plaintext);
    private final AgeHeader header = AgeHeader.parse(file);

    @Test
    void aChangedVersionLineIsAHeaderFailure() {
        assertFails(AgeFailure.HEADER, flip(file, 3));
    }

    @Test
    void aChangedByteInMyStanzaBodyIsNoMatch() {
        int at = indexOf("\n", indexOf("-> X25519", 0)) + 2; // inside my stanza's body line
        assertFails(AgeFailure.NO_MATCH, replaceBase64Char(file, at));
    }

    @Test
    void aChangedByteInAnotherRecipientsStanzaIsAnHmacFailure() {
        int second = indexOf("-> X25519", indexOf("-> X25519", 0) + 1);
        int at = indexOf("\n", second) + 2;
        assertFails(AgeFailure.HMAC, replaceBase64Char(file, at));
    }

    @Test
    void aChangedMacIsAnHmacFailure() {
        assertFails(AgeFailure.HMAC, replaceBase64Char(file, indexOf("--- ", 0) + 4));
    }

    @Test
    void aTruncatedMacIsAHeaderFailure() {
        int mac = indexOf("--- ", 0) + 4;
        byte[] cut = new byte[file.length - 1];
        System.arraycopy(file, 0, cut, 0, mac);
        System.arraycopy(file, mac + 1, cut, mac, file.length - mac - 1);
        assertFails(AgeFailure.HEADER, cut);
    }

    @Test
    void aChangedPayloadByteIsAPayloadFailureInEitherChunk() {
        int payload = header.payloadOffset();
        assertFails(AgeFailure.PAYLOAD, flip(file, payload + 16 + 10));
        assertFails(AgeFailure.PAYLOAD, flip(file, file.length - 1));
        assertFails(AgeFailure.PAYLOAD, flip(file, payload)); // the nonce: a different payload key
    }

    @Test
    void aTruncatedOrExtendedPayloadIsAPayloadFailure() {
        assertFails(AgeFailure.PAYLOAD, Arrays.copyOf(file, file.length - 1));
        assertFails(AgeFailure.PAYLOAD, Arrays.copyOf(file, file.length + 1));
        assertFails(AgeFailure.PAYLOAD, Arrays.copyOf(file, header.payloadOffset() + 16 + 65536 + 16));
    }

    @Test
    void aChangedArmorCharacterIsAnArmorFailure() {
        byte[] armored = AgeArmor.encode(file).getBytes(StandardCharsets.US_ASCII);
        armored[AgeArmor.BEGIN.length() + 5] = '*';
        AgeException e = assertThrows(AgeException.class, () -> new AgeDecrypter(List.of(mine)).decryptArmored(armored));
        assertEquals(AgeFailure.ARMOR, e.failure());
    }

    private void assertFails(AgeFailure expected, byte[] changed) {
        AgeException e = assertThrows(AgeException.class, () -> new AgeDecrypter(List.of(mine)).decrypt(changed));
        assertEquals(expected, e.failure(), e.getMessage());
        assertFalse(e.getMessage().contains(mine.encodeSecret()));
    }

    private int indexOf(String s, int from) {
        String text = new String(file, 0, header.payloadOffset(), StandardCharsets.ISO_8859_1);
        int i = text.indexOf(s, from);
        if (i < 0) {
            throw new AssertionError(s + " not in header");
        }
        return i;
    }

    private static byte[] flip(byte[] data, int at) {
        byte[] copy = data.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    /** Replaces a base64 character with another that keeps the text valid base64. */
    private static byte[] replaceBase64Char(byte[] data, int at) {
        byte[] copy = data.clone();
        copy[at] = (byte) (copy[at] == 'A' ? 'B' : 'A');
        return copy;
    }
}
