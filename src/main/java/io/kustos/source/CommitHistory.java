package io.kustos.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The first-parent history of a source's branch in its local clone ({@link GitSource#history()}),
 * newest first: the commits that brought each change to the followed branch (a merge counts as
 * one commit with everything it merged). Reads only git's object store; not thread-safe.
 */
public final class CommitHistory implements AutoCloseable {
    private final String source;
    private final Repository repo;
    private final Revision head;
    private final List<RevWalk> walks = new ArrayList<>();

    CommitHistory(String source, Repository repo, Revision head) {
        this.source = source;
        this.repo = repo;
        this.head = head;
    }

    /** The branch head in the local clone. */
    public Revision head() {
        return head;
    }

    /**
     * The commits, newest first, that changed a file under {@code folder} (e.g.
     * {@code environments/staging/}) compared with their first parent (a root commit: that has a
     * file there), each as the snapshot of that folder only. Lazy: stop iterating and nothing older
     * is read.
     *
     * @throws SourceException (from the iterator) when the clone cannot be read
     */
    public Iterator<RepoSnapshot> changesUnder(String folder) {
        String path = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        TreeFilter changed = AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF);
        RevWalk walk = new RevWalk(repo);
        walk.setFirstParent(true);
        walks.add(walk);
        try {
            walk.markStart(walk.parseCommit(ObjectId.fromString(head.sha())));
        } catch (IOException e) {
            walk.close();
            throw failure(e);
        }
        return new Iterator<>() {
            private RepoSnapshot next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    try {
                        RevCommit c = walk.next();
                        if (c == null) {
                            done = true;
                            walk.close();
                        } else if (touches(walk, c, changed)) {
                            next = GitSnapshot.read(repo, new Revision(head.branch(), c.name()), folder);
                        }
                    } catch (IOException e) {
                        throw failure(e);
                    }
                }
                return next != null;
            }

            @Override
            public RepoSnapshot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RepoSnapshot out = next;
                next = null;
                return out;
            }
        };
    }

    private boolean touches(RevWalk walk, RevCommit c, TreeFilter filter) throws IOException {
        try (TreeWalk tree = new TreeWalk(repo)) {
            if (c.getParentCount() == 0) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(c.getParent(0)).getTree());
            }
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            tree.setFilter(filter);
            return tree.next();
        }
    }

    private SourceException failure(IOException e) {
        return new SourceException("source '" + source + "': cannot read the history of " + head + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        walks.forEach(RevWalk::close);
        repo.close();
    }
}
