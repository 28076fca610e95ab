package io.kustos.decrypt.age;

import io.kustos.decrypt.DecryptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SOPS age entries: a data key wrapped for a recipient opens with its identity file, and only with it. */
class AgeMasterKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final X25519Identity mine = X25519Identity.generate(RANDOM);
    private final X25519Identity theirs = X25519Identity.generate(RANDOM);
    private final byte[] dataKey = RoundTripTest.random(32);

    @Test
    void aWrappedDataKeyUnwrapsWithTheIdentityFile(@TempDir Path dir) throws IOException {
        Path keys = Files.writeString(dir.resolve("age.key"), "# test key\n" + theirs.encodeSecret() + "\n"
                + mine.encodeSecret() + "\n");
        AgeMasterKeys keyring = new AgeMasterKeys(List.of(keys));
        Map<String, String> entry = keyring.wrap(dataKey, mine.recipient());

        assertEquals("age", keyring.name());
        assertEquals(mine.recipient(), entry.get("recipient"));
        assertTrue(entry.get("enc").startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"), entry.get("enc"));
        assertArrayEquals(dataKey, keyring.unwrap(entry).orElseThrow());
    }

    @Test
    void anEntryForSomeoneElseIsEmpty() {
        Map<String, String> entry = AgeMasterKeys.of(List.of(theirs)).wrap(dataKey, theirs.recipient());
        assertEquals(Optional.empty(), AgeMasterKeys.of(List.of(mine)).unwrap(entry));
    }

    @Test
    void aTamperedEntryForMeFailsNamingAgeAndTheRecipientButNoKey() {
        AgeMasterKeys keyring = AgeMasterKeys.of(List.of(mine));
        Map<String, String> entry = keyring.wrap(dataKey, mine.recipient());
        byte[] file = AgeArmor.decode(entry.get("enc").getBytes(StandardCharsets.US_ASCII));
        file[file.length - 1] ^= 1;
        Map<String, String> tampered = Map.of("recipient", mine.recipient(), "enc", AgeArmor.encode(file));

        DecryptionException e = assertThrows(DecryptionException.class, () -> keyring.unwrap(tampered));
        assertTrue(e.getMessage().startsWith("age: "), e.getMessage());
        assertTrue(e.getMessage().contains(mine.recipient()), e.getMessage());
        assertTrue(e.getMessage().contains("payload does not authenticate"), e.getMessage());
        assertNoSecrets(e.getMessage());
    }

    @Test
    void aMalformedEntryFails() {
        AgeMasterKeys keyring = AgeMasterKeys.of(List.of(mine));
        DecryptionException noEnc = assertThrows(DecryptionException.class,
                () -> keyring.unwrap(Map.of("recipient", mine.recipient())));
        assertTrue(noEnc.getMessage().contains("has no enc"), noEnc.getMessage());
        DecryptionException badArmor = assertThrows(DecryptionException.class,
                () -> keyring.unwrap(Map.of("recipient", mine.recipient(), "enc", "not armor")));
        assertTrue(badArmor.getMessage().contains("malformed ASCII armor"), badArmor.getMessage());
    }

    @Test
    void anEntryThatIsNotA32ByteKeyFails() {
        AgeMasterKeys keyring = AgeMasterKeys.of(List.of(mine));
        Map<String, String> entry = keyring.wrap(new byte[16], mine.recipient());
        DecryptionException e = assertThrows(DecryptionException.class, () -> keyring.unwrap(entry));
        assertTrue(e.getMessage().contains("holds 16 bytes, not a 32-byte data key"), e.getMessage());
    }

    @Test
    void anInvalidRecipientIsRefusedWhenWrapping() {
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> AgeMasterKeys.of(List.of(mine)).wrap(dataKey, "age1xyz"));
        assertTrue(e.getMessage().startsWith("age: invalid age recipient 'age1xyz'"), e.getMessage());
    }

    /** About one X25519 key in 1,024 has a recipient that begins age1pq (its data begins with "pq"): it is no post-quantum one. */
    @Test
    void anX25519RecipientBeginningWithPqIsShownWhole() {
        X25519Identity pqLooking = X25519Identity.generate(RANDOM);
        while (!pqLooking.recipient().startsWith("age1pq")) {
            pqLooking = X25519Identity.generate(RANDOM);
        }
        String described = AgeMasterKeys.of(List.of(pqLooking)).describeKeys();
        assertEquals("age identities for " + pqLooking.recipient(), described);
    }

    @Test
    void describeKeysListsPublicRecipientsOnly() {
        HybridIdentity pq = HybridIdentity.fromBytes(RoundTripTest.random(32));
        String described = AgeMasterKeys.of(List.of(mine, theirs, pq)).describeKeys();
        assertTrue(described.contains(mine.recipient()) && described.contains(theirs.recipient()), described);
        assertTrue(described.contains(pq.recipient().substring(0, 24) + "…"), described);
        assertNoSecrets(described);
        assertNoSecrets(AgeMasterKeys.of(List.of(mine)).toString());
    }

    @Test
    void aBadIdentityFileIsNamedWithItsLine(@TempDir Path dir) throws IOException {
        Path keys = Files.writeString(dir.resolve("age.key"), mine.encodeSecret() + "\nnot a key\n");
        DecryptionException e = assertThrows(DecryptionException.class, () -> new AgeMasterKeys(List.of(keys)));
        assertEquals(keys + ":2: not an age identity (expected a line starting with AGE-SECRET-KEY-1, "
                + "a # comment or a blank line)", e.getMessage());
    }

    private void assertNoSecrets(String message) {
        assertFalse(message.contains(mine.encodeSecret()), message);
        assertFalse(message.contains(theirs.encodeSecret()), message);
        assertFalse(message.contains(HexFormat.of().formatHex(dataKey)), message);
        assertFalse(message.contains(Base64.getEncoder().encodeToString(dataKey)), message);
    }
}
