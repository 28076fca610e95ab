package io.kustos.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Trusted keys files: armored public keys, several per file; a secret key or a missing file is a clear error. */
class TrustedKeysTest {
    private static final TestSigningKey ALICE = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Alice <alice@example.com>");
    private static final TestSigningKey BOB = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Bob <bob@example.com>");

    @TempDir
    Path tmp;

    @Test
    void severalArmoredKeysInOneFileAndKeysFromSeveralFiles() throws Exception {
        Path both = Files.writeString(tmp.resolve("team.asc"), "# the team\n" + ALICE.armoredPublicKey() + "\n" + BOB.armoredPublicKey());
        var carol = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Carol <c@example.com>");
        Path one = Files.writeString(tmp.resolve("carol.asc"), carol.armoredPublicKey());
        var keys = TrustedKeys.load("config", List.of(both, one));
        for (var k : List.of(ALICE, BOB, carol)) {
            var found = keys.find(k.publicRing().getPublicKey().getFingerprint(), 0);
            assertNotNull(found);
            assertEquals(k.fingerprint(), TrustedKeys.fingerprint(found));
            assertNotNull(keys.find(null, k.publicRing().getPublicKey().getKeyID()));
        }
        assertNull(keys.find(null, 42L));
    }

    @Test
    void binaryKeys() throws Exception {
        Path file = Files.write(tmp.resolve("alice.gpg"), ALICE.publicRing().getEncoded());
        assertNotNull(TrustedKeys.load("config", List.of(file)).find(null, ALICE.publicRing().getPublicKey().getKeyID()));
    }

    @Test
    void aMissingFile() {
        Path file = tmp.resolve("nope.asc");
        var e = assertThrows(TrustedKeysException.class, () -> TrustedKeys.load("config", List.of(file)));
        assertEquals("source 'config': trusted keys file " + file + ": no such file", e.getMessage());
    }

    @Test
    void aSecretKeyIsRefusedAndNotShown() throws Exception {
        String secret = ALICE.armoredSecretKey();
        Path file = Files.writeString(tmp.resolve("alice-secret.asc"), secret);
        var e = assertThrows(TrustedKeysException.class, () -> TrustedKeys.load("config", List.of(file)));
        assertEquals("source 'config': trusted keys file " + file
                + ": holds a PGP private key block; give only public keys (gpg --export --armor KEYID)", e.getMessage());
        String body = secret.lines().filter(l -> l.length() > 40).findFirst().orElseThrow();
        assertFalse(e.getMessage().contains(body));
    }

    @Test
    void noKeyAtAll() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.asc"), "");
        assertEquals("source 'config': trusted keys file " + empty + ": holds no OpenPGP public key",
                assertThrows(TrustedKeysException.class, () -> TrustedKeys.load("config", List.of(empty))).getMessage());
        Path junk = Files.writeString(tmp.resolve("junk.asc"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n");
        var e = assertThrows(TrustedKeysException.class, () -> TrustedKeys.load("config", List.of(junk)));
        assertEquals(true, e.getMessage().startsWith("source 'config': trusted keys file " + junk + ": "), e.getMessage());
    }
}
