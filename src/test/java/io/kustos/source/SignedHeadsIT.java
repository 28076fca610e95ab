package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.GitAuth;
import io.kustos.config.SignatureVerification;
import io.kustos.config.SourceSpec;
import io.kustos.source.UnverifiedCommitException.Reason;
import io.kustos.bench.GitHttpServer;
import io.kustos.bench.GitHttpServer.Service;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source with {@code verify:} over smart HTTP (real git http-backend on loopback) applies only
 * heads signed by a trusted key. A refused head is not remembered: polling again refuses it again
 * without fetching, and the next signed commit is picked up. Real {@code git verify-commit}
 * agrees with Kustos on the same commits.
 */
class SignedHeadsIT {
    private static final TestSigningKey TRUSTED = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Release Bot <bot@example.com>");
    private static final TestSigningKey STRANGER = TestSigningKey.generate(TestSigningKey.Algorithm.RSA, "Stranger <s@example.com>");

    @TempDir
    Path tmp;
    TestRepo repo;
    GitHttpServer server;
    GitSource source;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "a: 1\n"));
        server = GitHttpServer.start(tmp.resolve("repos"));
        Path keys = Files.writeString(tmp.resolve("trusted.asc"), TRUSTED.armoredPublicKey());
        var spec = new SourceSpec(server.url(repo.name()), "main", GitAuth.NONE, new SignatureVerification(List.of(keys)));
        source = new GitSource("config", spec, tmp.resolve("cache"));
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    @Test
    void onlyHeadsSignedByATrustedKeyAreApplied() throws Exception {
        var unsigned = assertThrows(UnverifiedCommitException.class, source::poll);
        assertEquals(Reason.UNSIGNED, unsigned.signatureReason());
        assertEquals("source 'config' (" + server.url(repo.name()) + "): refused commit " + repo.head() + " by "
                + TestRepo.AUTHOR + " <" + TestRepo.EMAIL + "> (\"initial commit\"): unsigned; only a head signed by a key in "
                + "sources.config.verify.trustedKeyFiles is applied", unsigned.getMessage());

        server.resetCounts();
        var again = assertThrows(UnverifiedCommitException.class, source::poll);
        assertEquals(Reason.UNSIGNED, again.signatureReason());
        assertEquals(0, server.requests(Service.UPLOAD_PACK), "the refused head is in the cache: no second fetch");
        assertEquals(1, source.stats().fetchCount());

        String signed = SignedCommits.commitSigned(repo, "signed change", Map.of("env/a.yaml", "a: 2\n"), TRUSTED);
        PollResult good = source.poll();
        assertEquals(signed, good.revision().sha());
        assertTrue(good.changed(), "the first head that passes is new: refused heads were never seen");
        assertTrue(good.fetched());

        String strangers = SignedCommits.commitSigned(repo, "stranger's change", Map.of("env/a.yaml", "a: 3\n"), STRANGER);
        var unknown = assertThrows(UnverifiedCommitException.class, source::poll);
        assertEquals(Reason.UNKNOWN_KEY, unknown.signatureReason());
        assertEquals(STRANGER.fingerprint(), unknown.keyFingerprint());
        assertEquals(strangers, unknown.commit().sha());
        assertTrue(unknown.getMessage().contains("refused commit " + strangers + " by " + TestRepo.AUTHOR
                + " <" + TestRepo.EMAIL + "> (\"stranger's change\"): signed by unknown key " + STRANGER.fingerprint()), unknown.getMessage());

        String tampered = SignedCommits.commit(repo, "tampered change", Map.of("env/a.yaml", "a: 4\n"),
                payload -> TRUSTED.sign(new String(payload, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("tampered change", "harmless change").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var bad = assertThrows(UnverifiedCommitException.class, source::poll);
        assertEquals(Reason.BAD_SIGNATURE, bad.signatureReason());
        assertEquals(tampered, bad.commit().sha());
        assertTrue(bad.getMessage().contains("bad signature (the signature does not match the commit: changed after signing)"),
                bad.getMessage());

        String badValue = SignedCommits.commit(repo, "bad value", Map.of("env/a.yaml", "a: 5\n"),
                payload -> TestSigningKey.tamper(TRUSTED.sign(payload)));
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(UnverifiedCommitException.class, source::poll).signatureReason());

        String fixed = SignedCommits.commitSigned(repo, "signed again", Map.of("env/a.yaml", "a: 6\n"), TRUSTED);
        PollResult back = source.poll();
        assertEquals(fixed, back.revision().sha());
        assertTrue(back.changed());
        assertEquals("a: 6\n", new String(back.snapshot().files("env/a.yaml").get("env/a.yaml").content(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(source.poll().changed());

        try (var gpg = GpgHome.create(tmp.resolve("g"))) {
            gpg.run("--import", Files.writeString(tmp.resolve("pub.asc"), TRUSTED.armoredPublicKey()).toString());
            assertEquals(0, gpg.git(repo.bareDir(), "verify-commit", signed).exit(), "git verify-commit of a Kustos-trusted commit");
            assertEquals(0, gpg.git(repo.bareDir(), "verify-commit", fixed).exit());
            assertNotEquals(0, gpg.git(repo.bareDir(), "verify-commit", tampered).exit(), "git refuses the tampered commit too");
            assertNotEquals(0, gpg.git(repo.bareDir(), "verify-commit", badValue).exit());
        }
    }

    @Test
    void aCommitSignedByRealGitAndGpgIsTrusted() throws Exception {
        try (var gpg = GpgHome.create(tmp.resolve("g"))) {
            gpg.run("--batch", "--passphrase", "", "--quick-gen-key", "Gina <gina@example.com>", "ed25519", "sign", "1d");
            String armored = gpg.run("--armor", "--export", "gina@example.com").out();
            Files.writeString(tmp.resolve("trusted.asc"), armored);
            Path work = repo.workspace().dir();
            Files.writeString(work.resolve("env/a.yaml"), "a: 7\n");
            assertEquals(0, gpg.git(work, "add", "-A").exit());
            var commit = gpg.git(work, "-c", "user.name=Gina", "-c", "user.email=gina@example.com",
                    "-c", "user.signingkey=gina@example.com", "commit", "-S", "-m", "signed by git");
            assertEquals(0, commit.exit(), commit.toString());
            assertEquals(0, gpg.git(work, "push", repo.bareDir().toString(), "main:main").exit());
            String head = gpg.git(work, "rev-parse", "HEAD").out().strip();

            PollResult polled = source.poll();
            assertEquals(head, polled.revision().sha());
        }
    }
}
