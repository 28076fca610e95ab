package io.kustos.source;

import io.kustos.config.GitAuth;
import io.kustos.testsupport.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes commits with a {@code gpgsig} header as {@code git commit -S} does: the commit object is
 * built without it, signed with a {@link TestSigningKey}, and written again with the armored
 * signature as that header.
 */
final class SignedCommits {
    private SignedCommits() {
    }

    /** A commit object (raw bytes) over a made-up tree, signed with {@code key}'s signature of {@code signedMessage}. */
    static byte[] raw(String message, String signedMessage, TestSigningKey key) throws IOException {
        CommitBuilder b = builder(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904"), null, message);
        String signature = key == null ? null : key.sign(builder(b.getTreeId(), null, signedMessage).build());
        if (signature != null) {
            b.setGpgSignature(new GpgSignature(signature.getBytes(StandardCharsets.US_ASCII)));
        }
        return b.build();
    }

    /** Writes the files, commits them signed by {@code key} as {@code author}, pushes; returns the sha. */
    static String commitSigned(TestRepo repo, String message, Map<String, String> files, TestSigningKey key) {
        return commit(repo, message, files, payload -> key.sign(payload));
    }

    /**
     * Writes the files and commits them with the signature {@code signer} makes from the commit's
     * payload (null: unsigned), then pushes. A signer may sign something else to fake a tampered commit.
     */
    static String commit(TestRepo repo, String message, Map<String, String> files, Function<byte[], String> signer) {
        try {
            for (var f : files.entrySet()) {
                repo.workspace().writeFile(f.getKey(), f.getValue());
            }
            String unsigned = repo.workspace().commitAll(message, TestRepo.AUTHOR, TestRepo.EMAIL);
            try (Git git = Git.open(repo.workspace().dir().toFile()); RevWalk walk = new RevWalk(git.getRepository());
                 ObjectInserter inserter = git.getRepository().newObjectInserter()) {
                RevCommit c = walk.parseCommit(ObjectId.fromString(unsigned));
                CommitBuilder b = builder(c.getTree(), c.getParentCount() == 0 ? null : c.getParent(0), message);
                b.setAuthor(c.getAuthorIdent());
                b.setCommitter(c.getCommitterIdent());
                String signature = signer.apply(b.build());
                if (signature != null) {
                    b.setGpgSignature(new GpgSignature(signature.getBytes(StandardCharsets.US_ASCII)));
                }
                ObjectId signed = inserter.insert(b);
                inserter.flush();
                RefUpdate update = git.getRepository().updateRef(Constants.R_HEADS + repo.branch());
                update.setNewObjectId(signed);
                update.setForceUpdate(true);
                update.update();
                repo.workspace().push(repo.fileUrl(), GitAuth.NONE);
                return signed.name();
            }
        } catch (IOException | SourceException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommitBuilder builder(ObjectId tree, ObjectId parent, String message) {
        var person = new PersonIdent(TestRepo.AUTHOR, TestRepo.EMAIL, java.time.Instant.parse("2026-11-20T10:00:00Z"),
                java.time.ZoneOffset.UTC);
        var b = new CommitBuilder();
        b.setTreeId(tree);
        if (parent != null) {
            b.setParentId(parent);
        }
        b.setAuthor(person);
        b.setCommitter(person);
        b.setMessage(message);
        return b;
    }
}
