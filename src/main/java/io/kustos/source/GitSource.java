package io.kustos.source;

import io.kustos.config.SourceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One git source, followed by polling. The first poll clones the branch into a bare repository
 * under the cache directory (or reuses the one a previous process left there); each poll asks the
 * remote for the branch head ({@code ls-remote}) and fetches only when that head is not already
 * in the cache. Polls of one instance are serialized.
 */
public final class GitSource {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final String name;
    private final SourceSpec spec;
    private final Duration timeout;
    private final SourceCache cache;
    private final UncheckedHostKeys uncheckedHostKeys;
    private String previousHead;
    /** The files of the last head read: a poll that finds the same head reuses them instead of reading every file again. */
    private RepoSnapshot lastSnapshot;
    private long lsRemotes;
    private long fetches;
    private long bytesFetched;

    public GitSource(String name, SourceSpec spec, Path cacheDir) {
        this(name, spec, cacheDir, DEFAULT_TIMEOUT);
    }

    /** @param timeout for connecting to and reading from the remote */
    public GitSource(String name, SourceSpec spec, Path cacheDir, Duration timeout) {
        this.name = name;
        this.spec = spec;
        this.timeout = timeout;
        this.cache = new SourceCache(name, spec, cacheDir);
        this.uncheckedHostKeys = new UncheckedHostKeys(name);
    }

    public String name() {
        return name;
    }

    public SourceSpec spec() {
        return spec;
    }

    /** The bare repository this source keeps its clone in. */
    public Path repositoryDir() {
        return cache.dir();
    }

    /**
     * Asks the remote for the branch head, fetches if it moved, and reads the head's files. When
     * the source verifies signatures, a head not signed by a trusted key is refused.
     *
     * @throws UnverifiedCommitException the head is unsigned, signed by an unknown key or badly
     *                                   signed; it is not remembered as seen, and polling again
     *                                   (with no new commit) refuses it again without fetching
     * @throws TrustedKeysException      a trusted keys file cannot be read
     */
    public synchronized PollResult poll() throws SourceException {
        try (Repository repo = cache.open(); RemoteSession remote = openRemote()) {
            ObjectId remoteHead = lsRemote(repo, remote);
            ObjectId localHead = cache.head(repo);
            boolean fetched = false;
            if (!remoteHead.equals(localHead) || !repo.getObjectDatabase().has(remoteHead)) {
                localHead = fetch(repo, remote);
                fetched = true;
            }
            var revision = new Revision(spec.branch(), localHead.name());
            boolean changed = !revision.sha().equals(previousHead);
            if (fetched) {
                LOG.info("source '{}': fetched {}", name, revision);
            }
            if (spec.verifiesSignatures()) {
                // before the head counts as seen: a refused head is refused again at the next poll
                verifySignature(repo, revision, changed);
            }
            previousHead = revision.sha();
            if (fetched || lastSnapshot == null || !lastSnapshot.revision().equals(revision)) {
                lastSnapshot = GitSnapshot.read(repo, revision);
            }
            return new PollResult(lastSnapshot, changed, fetched);
        } catch (IOException e) {
            throw new SourceException("source '" + name + "': cannot use cache " + cache.dir() + ": "
                    + Redactor.url(e.getMessage()), e);
        }
    }

    /** The files of any commit already in the local clone, for history and rollback. */
    public RepoSnapshot snapshot(String sha) throws SourceException {
        var revision = new Revision(spec.branch(), sha);
        try (Repository repo = cache.open()) {
            return GitSnapshot.read(repo, revision);
        } catch (MissingObjectException e) {
            throw new SourceException("source '" + name + "': commit " + sha + " is not in the local clone", e);
        } catch (IOException e) {
            throw new SourceException("source '" + name + "': cannot read commit " + sha + ": " + e.getMessage(), e);
        }
    }

    private void verifySignature(Repository repo, Revision revision, boolean changed) throws IOException {
        TrustedKeys trusted = TrustedKeys.load(name, spec.verify().trustedKeyFiles());
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.sha()));
            SignatureCheck check = CommitSignatures.check(commit.getRawBuffer(), trusted);
            if (!check.isTrusted()) {
                throw new UnverifiedCommitException(name, spec.url(), GitSnapshot.commitInfo(commit), check);
            }
            if (changed) {
                LOG.info("source '{}': {} {}", name, revision, check.describe());
            }
        }
    }

    /**
     * The history of the followed branch in the local clone, read without the network: poll first
     * so it holds the remote head. Close it after use.
     *
     * @throws SourceException when nothing was fetched into the clone yet, or it cannot be read
     */
    public CommitHistory history() throws SourceException {
        Repository repo = null;
        try {
            repo = cache.open();
            ObjectId head = cache.head(repo);
            if (head == null) {
                throw new SourceException("source '" + name + "': the local clone " + cache.dir()
                        + " holds no commit of branch " + spec.branch() + " yet (poll the source first)", null);
            }
            CommitHistory history = new CommitHistory(name, repo, new Revision(spec.branch(), head.name()));
            repo = null;
            return history;
        } catch (IOException e) {
            throw new SourceException("source '" + name + "': cannot read the local clone " + cache.dir() + ": " + e.getMessage(), e);
        } finally {
            if (repo != null) {
                repo.close();
            }
        }
    }

    public synchronized SourceStats stats() {
        return new SourceStats(lsRemotes, fetches, bytesFetched);
    }

    private RemoteSession openRemote() throws SourceException, IOException {
        return RemoteSession.open(name, spec, timeout, SshSessions.home(cache.root()), uncheckedHostKeys);
    }

    private ObjectId lsRemote(Repository repo, RemoteSession remote) throws SourceException {
        String branchRef = SourceCache.branchRef(spec.branch());
        lsRemotes++;
        // protocol v0: the ref advertisement answers in one round trip (v2 needs a second one for ls-refs)
        repo.getConfig().setString("protocol", null, "version", "0");
        try (Transport transport = Transport.open(repo, spec.url())) {
            remote.configure(transport);
            try (FetchConnection connection = transport.openFetch(List.of(), branchRef)) {
                Ref ref = connection.getRef(branchRef);
                if (ref == null || ref.getObjectId() == null) {
                    throw branchNotFound();
                }
                return ref.getObjectId();
            }
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            throw remote.failure("ls-remote", e);
        }
    }

    private ObjectId fetch(Repository repo, RemoteSession remote) throws SourceException, IOException {
        String branchRef = SourceCache.branchRef(spec.branch());
        long packBytesBefore = cache.packBytes();
        fetches++;
        try {
            new Git(repo).fetch()
                    .setRemote(spec.url())
                    .setRefSpecs(new RefSpec("+" + branchRef + ":" + branchRef))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setTransportConfigCallback(remote)
                    .setTimeout(remote.timeoutSeconds())
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw remote.failure("fetch", e);
        } finally {
            bytesFetched += Math.max(0, cache.packBytes() - packBytesBefore);
        }
        ObjectId head = cache.head(repo);
        if (head == null) {
            throw branchNotFound();
        }
        return head;
    }

    private SourceException branchNotFound() {
        return new SourceException("source '" + name + "' (" + Redactor.url(spec.url()) + "): branch '"
                + spec.branch() + "' not found", null);
    }
}
