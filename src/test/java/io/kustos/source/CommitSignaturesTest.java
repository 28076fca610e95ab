package io.kustos.source;

import io.kustos.source.UnverifiedCommitException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A commit is trusted only when a trusted key's OpenPGP signature matches it byte for byte. */
class CommitSignaturesTest {
    private static final TestSigningKey ALICE = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Alice <alice@example.com>");
    private static final TestSigningKey MALLORY = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Mallory <m@example.com>");
    private static final TrustedKeys TRUSTED = TrustedKeys.of(List.of(ALICE.publicRing()));

    @Test
    void signedByATrustedEd25519Key() throws Exception {
        var check = CommitSignatures.check(SignedCommits.raw("change", "change", ALICE), TRUSTED);
        assertTrue(check.isTrusted(), check.describe());
        assertEquals(ALICE.fingerprint(), check.keyFingerprint());
    }

    @Test
    void signedByATrustedRsaKey() throws Exception {
        var bob = TestSigningKey.generate(TestSigningKey.Algorithm.RSA, "Bob <bob@example.com>");
        var check = CommitSignatures.check(SignedCommits.raw("change", "change", bob),
                TrustedKeys.of(List.of(ALICE.publicRing(), bob.publicRing())));
        assertTrue(check.isTrusted(), check.describe());
        assertEquals(bob.fingerprint(), check.keyFingerprint());
    }

    @Test
    void unsigned() throws Exception {
        var check = CommitSignatures.check(SignedCommits.raw("change", null, null), TRUSTED);
        assertEquals(Reason.UNSIGNED, check.reason());
        assertNull(check.keyFingerprint());
        assertEquals("unsigned", check.describe());
    }

    @Test
    void signedByAnUnknownKeyNamesItsFingerprint() throws Exception {
        var check = CommitSignatures.check(SignedCommits.raw("change", "change", MALLORY), TRUSTED);
        assertEquals(Reason.UNKNOWN_KEY, check.reason());
        assertEquals("signed by unknown key " + MALLORY.fingerprint(), check.describe());
    }

    @Test
    void changedAfterSigning() throws Exception {
        var check = CommitSignatures.check(SignedCommits.raw("change, edited later", "change", ALICE), TRUSTED);
        assertEquals(Reason.BAD_SIGNATURE, check.reason());
        assertEquals(ALICE.fingerprint(), check.keyFingerprint());
        assertTrue(check.describe().contains("changed after signing"), check.describe());
    }

    @Test
    void tamperedSignatureValue() throws Exception {
        var b = commit("change");
        b.setGpgSignature(new GpgSignature(TestSigningKey.tamper(ALICE.sign(b.build())).getBytes(StandardCharsets.US_ASCII)));
        var check = CommitSignatures.check(b.build(), TRUSTED);
        assertEquals(Reason.BAD_SIGNATURE, check.reason(), check.describe());
    }

    @Test
    void garbageInTheSignatureHeader() throws Exception {
        var b = commit("change");
        b.setGpgSignature(new GpgSignature("-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n"
                .getBytes(StandardCharsets.US_ASCII)));
        var check = CommitSignatures.check(b.build(), TRUSTED);
        assertEquals(Reason.BAD_SIGNATURE, check.reason(), check.describe());
        assertEquals("bad signature (the signature cannot be read)", check.describe());
    }

    @Test
    void sshSignaturesAreNotSupported() throws Exception {
        var b = commit("change");
        b.setGpgSignature(new GpgSignature("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"
                .getBytes(StandardCharsets.US_ASCII)));
        var check = CommitSignatures.check(b.build(), TRUSTED);
        assertEquals(Reason.UNSUPPORTED, check.reason());
        assertTrue(check.describe().contains("SSH"), check.describe());
    }

    @Test
    void sha1SignaturesAreTooWeak() throws Exception {
        var b = commit("change");
        b.setGpgSignature(new GpgSignature(ALICE.sign(b.build(), HashAlgorithmTags.SHA1).getBytes(StandardCharsets.US_ASCII)));
        var check = CommitSignatures.check(b.build(), TRUSTED);
        assertEquals(Reason.UNSUPPORTED, check.reason());
        assertTrue(check.describe().contains("weak hash"), check.describe());
    }

    private static CommitBuilder commit(String message) {
        var person = new PersonIdent("Alice", "alice@example.com");
        var b = new CommitBuilder();
        b.setTreeId(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
        b.setAuthor(person);
        b.setCommitter(person);
        b.setMessage(message);
        return b;
    }
}
