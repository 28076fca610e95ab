package io.kustos.decrypt.age;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Kustos encrypts, Kustos decrypts: every size around the 64 KiB chunk edges, binary and armored. */
class RoundTripTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 65535, 65536, 65537, 131072, 200000})
    void binaryAndArmoredFilesOpenToThePlaintext(int size) {
        X25519Identity identity = X25519Identity.generate(RANDOM);
        byte[] plaintext = random(size);
        AgeEncrypter encrypter = new AgeEncrypter(List.of(identity.toRecipient()));
        AgeDecrypter decrypter = new AgeDecrypter(List.of(identity));

        assertArrayEquals(plaintext, decrypter.decrypt(encrypter.encrypt(plaintext)));
        assertArrayEquals(plaintext, decrypter.decryptArmored(
                encrypter.encryptArmored(plaintext).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everyRecipientOfAFileCanOpenIt() {
        List<X25519Identity> identities = List.of(X25519Identity.generate(RANDOM), X25519Identity.generate(RANDOM),
                X25519Identity.generate(RANDOM));
        byte[] dataKey = random(32);
        byte[] file = new AgeEncrypter(identities.stream().map(X25519Identity::toRecipient).toList()).encrypt(dataKey);
        for (X25519Identity identity : identities) {
            assertArrayEquals(dataKey, new AgeDecrypter(List.of(identity)).decrypt(file));
        }
        AgeHeader header = AgeHeader.parse(file);
        assertEquals(3, header.stanzas().size());
    }

    @Test
    void anotherIdentityIsNoMatch() {
        byte[] file = new AgeEncrypter(List.of(X25519Identity.generate(RANDOM).toRecipient())).encrypt(random(32));
        AgeException e = assertThrows(AgeException.class,
                () -> new AgeDecrypter(List.of(X25519Identity.generate(RANDOM))).decrypt(file));
        assertEquals(AgeFailure.NO_MATCH, e.failure());
    }

    @Test
    void aRecipientStringParsesBackToTheSameKey() {
        X25519Identity identity = X25519Identity.generate(RANDOM);
        assertEquals(identity.toRecipient(), AgeRecipient.parse(identity.recipient()));
        assertThrows(IllegalArgumentException.class, () -> AgeRecipient.parse("age1notarecipient"));
    }

    @Test
    void armorIsWhatAgeDashAWrites() {
        String armored = new AgeEncrypter(List.of(X25519Identity.generate(RANDOM).toRecipient())).encryptArmored(random(32));
        String[] lines = armored.split("\n", -1);
        assertEquals(AgeArmor.BEGIN, lines[0]);
        assertEquals(AgeArmor.END, lines[lines.length - 2]);
        assertEquals("", lines[lines.length - 1]);
        for (int i = 1; i < lines.length - 3; i++) {
            assertEquals(64, lines[i].length());
        }
        assertTrue(lines[lines.length - 3].length() <= 64);
    }

    @Test
    void hybridPostQuantumRecipientsRoundTripToo() {
        HybridIdentity identity = HybridIdentity.fromBytes(random(32));
        AgeRecipient recipient = AgeRecipient.parse(identity.recipient());
        byte[] dataKey = random(32);
        byte[] file = new AgeEncrypter(List.of(recipient)).encrypt(dataKey);
        assertEquals("mlkem768x25519", AgeHeader.parse(file).stanzas().get(0).type());
        assertArrayEquals(dataKey, new AgeDecrypter(List.of(identity)).decrypt(file));
    }

    @Test
    void postQuantumAndClassicRecipientsAreNotMixed() {
        AgeRecipient pq = HybridIdentity.fromBytes(random(32)).toRecipient();
        AgeRecipient classic = X25519Identity.generate(RANDOM).toRecipient();
        assertThrows(IllegalArgumentException.class, () -> new AgeEncrypter(List.of(pq, classic)));
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }
}
