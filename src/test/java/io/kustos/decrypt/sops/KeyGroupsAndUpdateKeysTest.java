package io.kustos.decrypt.sops;

import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.pgp.PgpMasterKeys;
import io.kustos.decrypt.pgp.TestPgpKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several master keys in a group, Shamir key groups with a threshold, and updatekeys. */
class KeyGroupsAndUpdateKeysTest {
    private static final byte[] PLAIN = "password: s3cr3t\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void shamirSplitsAndCombinesWithAnyThresholdOfShares() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        byte[][] parts = Shamir.split(secret, 5, 3, new SecureRandom());
        assertArrayEquals(secret, Shamir.combine(List.of(parts[0], parts[2], parts[4])));
        assertArrayEquals(secret, Shamir.combine(List.of(parts[3], parts[1], parts[0])));
        assertTrue(!java.util.Arrays.equals(secret, java.util.Arrays.copyOf(Shamir.combine(List.of(parts[0], parts[1])), 32)));
    }

    @Test
    void threeGroupsWithThresholdTwoOpenWithAnyTwoKeys() {
        var rule = new CreationRule(null, List.of(Map.of("age", List.of("a1")), Map.of("age", List.of("a2")),
                Map.of("age", List.of("a3"))), 2, SelectionRules.DEFAULT);
        byte[] enc = new SopsEncryptor(List.of(new FakeAgeKeys())).encrypt("s.yaml", PLAIN, SopsFormat.YAML, rule);
        String text = new String(enc, StandardCharsets.UTF_8);
        assertTrue(text.contains("    key_groups:\n") && text.contains("    shamir_threshold: 2\n"), text);
        assertArrayEquals(PLAIN, new SopsDecryptor(List.of(new FakeAgeKeys("a1", "a3"))).decrypt("s.yaml", enc));
        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(new FakeAgeKeys("a2"))).decrypt("s.yaml", enc));
        assertEquals(SopsException.Kind.KEY, e.errorKind());
        assertTrue(e.getMessage().contains("opened 1 of 2 key groups needed") && e.getMessage().contains("group 3: age a3"), e.getMessage());
    }

    @Test
    void updateKeysRewrapsForTheNewRecipientsAndKeepsValuesAndMac() {
        var oldKey = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        var newKey = TestPgpKeys.generate(TestPgpKeys.Algorithm.RSA, null);
        MasterKeyType both = PgpMasterKeys.fromKeyData(List.of(bytes(oldKey.armoredSecret()), bytes(newKey.armoredPublic())),
                List.of("old", "new.pub"), null);
        byte[] enc = new SopsEncryptor(List.of(both)).encrypt("s.yaml", PLAIN, SopsFormat.YAML,
                new CreationRule(null, List.of(Map.of("pgp", List.of(oldKey.fingerprint()))), 0, SelectionRules.DEFAULT));
        byte[] updated = new SopsEncryptor(List.of(both)).updateKeys("s.yaml", enc, SopsFormat.YAML,
                new CreationRule(null, List.of(Map.of("pgp", List.of(newKey.fingerprint()))), 0, SelectionRules.DEFAULT));
        String before = new String(enc, StandardCharsets.UTF_8);
        String after = new String(updated, StandardCharsets.UTF_8);
        assertEquals(before.lines().filter(l -> l.contains("password:") || l.contains("mac:") || l.contains("lastmodified")).toList(),
                after.lines().filter(l -> l.contains("password:") || l.contains("mac:") || l.contains("lastmodified")).toList());
        assertTrue(after.contains(newKey.fingerprint()) && !after.contains(oldKey.fingerprint()), after);
        var newSecret = PgpMasterKeys.fromKeyData(List.of(bytes(newKey.armoredSecret())), List.of("new"), null);
        assertArrayEquals(PLAIN, new SopsDecryptor(List.of(newSecret)).decrypt("s.yaml", updated));
        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(both)).decrypt("s.yaml", updated));
        assertEquals(SopsException.Kind.KEY, e.errorKind());
    }

    @Test
    void aPassphraseProtectedKeyNeedsItsPassphrase() throws Exception {
        var key = TestPgpKeys.generate(TestPgpKeys.Algorithm.RSA, "correct horse");
        var dir = java.nio.file.Files.createTempDirectory("pgp");
        var keyFile = java.nio.file.Files.writeString(dir.resolve("k.asc"), key.armoredSecret());
        var passFile = java.nio.file.Files.writeString(dir.resolve("pass"), "correct horse\n");
        var withPass = PgpMasterKeys.fromFiles(List.of(keyFile), passFile);
        byte[] enc = new SopsEncryptor(List.of(withPass)).encrypt("s.yaml", PLAIN, SopsFormat.YAML,
                new CreationRule(null, List.of(Map.of("pgp", List.of(key.fingerprint()))), 0, SelectionRules.DEFAULT));
        assertArrayEquals(PLAIN, new SopsDecryptor(List.of(withPass)).decrypt("s.yaml", enc));
        var wrong = PgpMasterKeys.fromFiles(List.of(keyFile), java.nio.file.Files.writeString(dir.resolve("bad"), "nope"));
        var e = assertThrows(SopsException.class, () -> new SopsDecryptor(List.of(wrong)).decrypt("s.yaml", enc));
        assertEquals(SopsException.Kind.KEY, e.errorKind());
        assertTrue(e.getMessage().contains("wrong or missing passphrase") && !e.getMessage().contains("nope")
                && !e.getMessage().contains("correct horse"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
