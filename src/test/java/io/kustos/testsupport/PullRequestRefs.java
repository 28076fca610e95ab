package io.kustos.testsupport;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refs as a forge keeps them beside the branch, written straight into a {@link TestRepo}'s bare
 * repository: a feature branch, or a pull request's head ({@code refs/pull/1/head}, GitHub and
 * Gitea) or a merge request's ({@code refs/merge-requests/1/head}, GitLab). The branch {@code main}
 * and the work clone stay as they are.
 */
public final class PullRequestRefs {
    private PullRequestRefs() {
    }

    /** A commit on top of {@code main}'s head with {@code files} written (path to content), as {@code ref}; returns its sha. */
    public static String push(TestRepo repo, String ref, String message, Map<String, String> files) {
        try (Repository bare = new FileRepositoryBuilder().setGitDir(repo.bareDir().toFile()).setMustExist(true).build();
             ObjectInserter inserter = bare.newObjectInserter(); ObjectReader reader = bare.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            RevCommit parent = walk.parseCommit(bare.resolve("refs/heads/" + repo.branch()));
            DirCache index = DirCache.read(reader, parent.getTree());
            DirCacheEditor editor = index.editor();
            for (var file : files.entrySet()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            var commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(parent);
            var author = new PersonIdent(TestRepo.AUTHOR, TestRepo.EMAIL);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = bare.updateRef(ref);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
                throw new IllegalStateException("cannot write " + ref + " in " + repo.name() + ": " + result);
            }
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
