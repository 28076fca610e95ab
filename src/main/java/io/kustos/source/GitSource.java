package io.kustos.source;

import io.kustos.config.SourceSpec;
import io.kustos.failure.KustosException;
import java.io.IOException;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One git source, followed by polling. The first poll clones the branch into a bare repository
 * under the cache directory (or reuses the one a previous process left there); each poll fetches
 * the branch, whose ref advertisement tells the head: when the cache already holds it, nothing more
 * is asked (one round trip, what an {@code ls-remote} would cost), else its objects come in the same
 * fetch. After a fetch the local branch must be at the head the remote advertised: when it
 * is not (a stale lock file, a broken clone), the poll fails and repairs the cache, so the next
 * one succeeds. A head that does not descend from the last one fetched (a force push) is refused
 * ({@link ForcePushRefusedException}) unless the source allows it, and then followed with a WARN
 * and told in {@link PollResult#forcePush()}. What the clone saw before is all a poll can compare
 * with; {@link #lineage} tells whether an environment's last good commit, as the cluster recorded
 * it, is still on the branch (a new cache dir sees that force push too). Every poll runs within the source's timeout
 * ({@link GitTimeLimit}). Polls of one instance are serialized.
 */
public final class GitSource {
    public static final Duration DEFAULT_TIMEOUT = SourceSpec.DEFAULT_TIMEOUT;
    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);
    /** Where {@link #fetch(PreviewRef)} keeps what it fetched, apart from the followed branch. */
    static final String PREVIEW_REFS = "refs/kustos-preview/";
    /** A previewed commit, kept until its preview is forgotten. */
    private static final String COMMIT_REFS = PREVIEW_REFS + "commits/";
    /** The refs of a search for a commit, dropped once it is found. */
    private static final String SEARCH_REFS = PREVIEW_REFS + "search/";

    static {
        JGitDefaults.apply();
    }

    private final String name;
    private final SourceSpec spec;
    private final Duration timeout;
    private final GitTimeLimit timeLimit;
    private final SourceCache cache;
    private final UncheckedHostKeys uncheckedHostKeys;
    private String previousHead;
    /** Commits a complete fetch of the branch found no longer on it ({@link #lineage}). */
    private final java.util.Set<String> offBranch = new java.util.HashSet<>();
    /** The files of the last head read: a poll that finds the same head reuses them instead of reading every file again. */
    private RepoSnapshot lastSnapshot;
    private long lsRemotes;
    private long fetches;
    private long bytesFetched;

    /** A source whose operations time out after {@code spec.timeout()}. */
    public GitSource(String name, SourceSpec spec, Path cacheDir) {
        this(name, spec, cacheDir, spec.timeout());
    }

    /** @param timeout the longest a poll may take, and the transport's connect and read timeout */
    public GitSource(String name, SourceSpec spec, Path cacheDir, Duration timeout) {
        this.name = name;
        this.spec = spec;
        this.timeout = timeout;
        this.timeLimit = new GitTimeLimit(name, spec.url(), timeout);
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
     * @throws ForcePushRefusedException the branch was force-pushed and the source does not allow
     *                                   it; the local branch stays at the last head fetched, and
     *                                   polling again refuses it again without fetching
     * @throws TrustedKeysException      a trusted keys file cannot be read
     * @throws SourceConfigException     the branch or the repository does not exist, or the ssh
     *                                   host key is unknown
     * @throws SourceException           anything that may pass: the remote cannot be reached, the
     *                                   poll timed out, a fetch did not move the local branch
     */
    public synchronized PollResult poll() throws SourceException {
        try {
            return timeLimit.run("poll", this::pollUnderCloneLock);
        } catch (IOException e) {
            throw new SourceException(SourceErrors.where(name, spec.url()) + "cannot take the lock of the local clone "
                    + CloneLock.fileOf(cache.dir()) + ": " + e.getMessage(), e);
        }
    }

    /** Polls with the clone to itself: another process sharing the cache directory waits (see {@link CloneLock}). */
    private PollResult pollUnderCloneLock() throws IOException {
        try (CloneLock ignored = CloneLock.take(cache.dir())) {
            try {
                return pollNow();
            } catch (IOException e) {
                // a clone that cannot be read (a truncated pack, a missing object) is repaired too
                throw failAfterRepair("cannot use the local clone " + cache.dir() + ": " + Redactor.url(e.getMessage()), e);
            }
        }
    }

    private PollResult pollNow() throws IOException {
        StaleBranch stale;
        try (Repository repo = cache.open(); RemoteSession remote = openRemote()) {
            ObjectId localHead = cache.head(repo);
            String branchRef = SourceCache.branchRef(spec.branch());
            // no ls-remote first: the fetch's own ref advertisement is one; when the clone already holds the advertised
            // head, JGit asks for no pack (one request over smart HTTP, as the ls-remote alone was)
            long fetchedBefore = bytesFetched;
            FetchResult result = fetchBranch(repo, remote);
            Ref advertised = result.getAdvertisedRef(branchRef);
            if (advertised == null || advertised.getObjectId() == null) {
                throw SourceErrors.branchNotFound(name, spec.url(), spec.branch(), result.getAdvertisedRefs());
            }
            TrackingRefUpdate update = result.getTrackingRefUpdate(branchRef);
            if (movedRef(update) || bytesFetched != fetchedBefore) {
                fetches++; // what the ls-remote used to save: a fetch that brought objects or moved the branch
            }
            ObjectId fetchedHead = cache.head(repo);
            if (advertised.getObjectId().equals(fetchedHead) && repo.getObjectDatabase().has(fetchedHead)) {
                boolean moved = !fetchedHead.equals(localHead);
                ForcePush forcePush = moved ? ForcePush.between(repo, spec.branch(), localHead, fetchedHead).orElse(null) : null;
                if (forcePush != null) {
                    LOG.warn("source '{}': {}; followed it (sources.{}.allowForcePush is true)", name, forcePush.describe(), name);
                }
                return read(repo, fetchedHead, moved, forcePush);
            }
            if (!spec.allowForcePush() && repo.getObjectDatabase().has(advertised.getObjectId())) {
                // the fetch refused to move the branch to a head that rewrote it (fetched before: refused again without a pack)
                refuseForcePush(repo, localHead, advertised.getObjectId());
            }
            stale = new StaleBranch(advertised.getObjectId(), fetchedHead, update);
        }
        throw failAfterRepair(stale.describe(SourceCache.branchRef(spec.branch())), null);
    }

    private static boolean movedRef(TrackingRefUpdate update) {
        return update != null && switch (update.getResult()) {
            case NEW, FAST_FORWARD, FORCED -> true;
            default -> false;
        };
    }

    /** @throws ForcePushRefusedException when {@code newHead} does not descend from {@code localHead} */
    private void refuseForcePush(Repository repo, ObjectId localHead, ObjectId newHead) throws IOException {
        var forcePush = ForcePush.between(repo, spec.branch(), localHead, newHead);
        if (forcePush.isPresent()) {
            throw new ForcePushRefusedException(name, spec.url(), forcePush.get());
        }
    }

    private PollResult read(Repository repo, ObjectId localHead, boolean fetched, ForcePush forcePush) throws IOException {
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
            lastSnapshot = GitSnapshot.read(repo, revision, lastSnapshot); // only the blobs that changed since the last poll's
        }
        return new PollResult(lastSnapshot, changed, fetched, forcePush);
    }

    /** A fetch that left the local branch short of the remote head. */
    private record StaleBranch(ObjectId expected, ObjectId local, TrackingRefUpdate update) {
        String describe(String branchRef) {
            String why = update == null ? "" : " (ref update: " + update.getResult() + ")";
            return "the fetch did not move " + branchRef + " of the local clone to the remote head " + expected.name()
                    + "; it is at " + (local == null ? "nothing" : local.name()) + why;
        }
    }

    /** Repairs the (closed) clone and fails this poll with {@code problem}: the next one fetches again. */
    private SourceException failAfterRepair(String problem, IOException cause) {
        String repaired;
        try {
            repaired = cache.repair(timeout);
        } catch (IOException e) {
            repaired = "could not repair the clone " + cache.dir() + ": " + e.getMessage() + " (delete it while Kustos is stopped)";
        }
        String message = SourceErrors.where(name, spec.url()) + problem + "; " + repaired;
        LOG.warn("{}", message);
        return new SourceException(message, cause);
    }

    /**
     * Where {@code from} (an environment's last good commit of this branch) stands to {@code to}
     * (the head just read): read in the local clone; when neither {@code to} nor the clone's branch
     * descends from {@code from}, the branch is fetched once more (no ref moves) to tell a commit
     * rewritten away from one pushed after this clone read the branch. A commit found off the
     * branch is remembered (not fetched for again): it can only come back on the branch through a
     * head that descends from it.
     *
     * @throws SourceException the clone cannot be read, or the fetch failed (may pass)
     */
    public synchronized Lineage lineage(Revision from, Revision to) throws SourceException {
        try {
            return timeLimit.run("fetch", () -> {
                try (CloneLock ignored = CloneLock.take(cache.dir()); Repository repo = cache.open()) {
                    return lineage(repo, ObjectId.fromString(from.sha()), ObjectId.fromString(to.sha()));
                }
            });
        } catch (KustosException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new SourceException(SourceErrors.where(name, spec.url()) + "cannot tell whether " + to + " descends from " + from
                    + ": " + Redactor.url(String.valueOf(e.getMessage())), e);
        }
    }

    private Lineage lineage(Repository repo, ObjectId from, ObjectId to) throws IOException {
        if (descends(repo, from, to)) {
            return Lineage.ANCESTOR;
        }
        if (descends(repo, from, cache.head(repo))) {
            return Lineage.NEWER_ON_BRANCH; // a later poll (this process, or another sharing the cache dir) read it
        }
        if (!offBranch.contains(from.name())) {
            ObjectId remoteHead;
            try (RemoteSession remote = openRemote()) {
                String branchRef = SourceCache.branchRef(spec.branch());
                Ref advertised = fetch(repo, remote, List.of(new RefSpec(branchRef))).getAdvertisedRef(branchRef);
                remoteHead = advertised == null ? null : advertised.getObjectId();
            }
            if (descends(repo, from, remoteHead)) {
                return Lineage.NEWER_ON_BRANCH; // pushed after this clone read the branch
            }
            offBranch.add(from.name());
        }
        return repo.getObjectDatabase().has(from) ? Lineage.REWRITTEN : Lineage.GONE;
    }

    /** Whether {@code head} is {@code commit} or descends from it (false when the clone lacks either). */
    private static boolean descends(Repository repo, ObjectId commit, ObjectId head) throws IOException {
        if (head == null || !repo.getObjectDatabase().has(head) || !repo.getObjectDatabase().has(commit)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(head));
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

    /** The refs the remote advertises ({@code ls-remote}); {@code prefixes} narrow the answer where the protocol can. */
    private java.util.Map<String, Ref> advertised(Repository repo, RemoteSession remote, String... prefixes) throws SourceException {
        // protocol v0: the ref advertisement answers in one round trip (v2 needs a second one for ls-refs)
        repo.getConfig().setString("protocol", null, "version", "0");
        try (Transport transport = Transport.open(repo, spec.url())) {
            remote.configure(transport);
            try (FetchConnection connection = transport.openFetch(List.of(), prefixes)) {
                return connection.getRefsMap();
            }
        } catch (KustosException e) {
            throw e;
        } catch (Exception e) {
            throw remote.failure("ls-remote", e);
        }
    }

    /**
     * Fetches {@code ref} into the local clone, under {@value #PREVIEW_REFS} (the followed branch
     * does not move), and reads its files, within the source's timeout. A sha the clone lacks is
     * looked for on the remote's branches and pull and merge request heads. Signatures are not
     * checked: what would be merged is checked when it is.
     *
     * @throws SourceConfigException the remote has no such ref, or no branch or request head holds the sha (exit 3)
     * @throws SourceException       the remote cannot be reached, or the fetch timed out (try again)
     */
    public synchronized RepoSnapshot fetch(PreviewRef ref) throws SourceException {
        try {
            return timeLimit.run("fetch of " + ref, () -> {
                try (CloneLock ignored = CloneLock.take(cache.dir()); Repository repo = cache.open(); RemoteSession remote = openRemote()) {
                    ObjectId commit = ref.isSha() ? fetchSha(repo, remote, ref) : fetchNamed(repo, remote, ref);
                    return GitSnapshot.read(repo, new Revision(ref.label(), commit.name()));
                }
            });
        } catch (IOException e) {
            throw new SourceException(SourceErrors.where(name, spec.url()) + "cannot read " + ref + " in the local clone " + cache.dir() + ": "
                    + Redactor.url(e.getMessage()), e);
        }
    }

    /**
     * The commit {@code head} (fetched by {@link #fetch(PreviewRef)}) forked from: its merge base with
     * the followed branch's head as the remote has it now (fetched beside it, the followed branch does
     * not move), or that head when they share no commit. What a pull request changes is what its head
     * changes from there, not what the branch changed since.
     *
     * @throws SourceException the remote cannot be reached, or the fetch timed out (try again)
     */
    public synchronized RepoSnapshot forkPoint(RepoSnapshot head) throws SourceException {
        PreviewRef branch = new PreviewRef(spec.branch());
        try {
            return timeLimit.run("fetch of " + branch, () -> {
                try (CloneLock ignored = CloneLock.take(cache.dir()); Repository repo = cache.open(); RemoteSession remote = openRemote();
                     RevWalk walk = new RevWalk(repo)) {
                    RevCommit tip = walk.parseCommit(fetchNamed(repo, remote, branch));
                    walk.setRevFilter(RevFilter.MERGE_BASE);
                    walk.markStart(List.of(walk.parseCommit(ObjectId.fromString(head.revision().sha())), tip));
                    RevCommit base = walk.next();
                    return GitSnapshot.read(repo, new Revision(spec.branch(), (base == null ? tip : base).name()));
                }
            });
        } catch (IOException e) {
            throw new SourceException(SourceErrors.where(name, spec.url()) + "cannot find where " + head.revision() + " forked from "
                    + spec.branch() + " in the local clone " + cache.dir() + ": " + Redactor.url(e.getMessage()), e);
        }
    }

    private ObjectId fetchNamed(Repository repo, RemoteSession remote, PreviewRef ref) throws IOException {
        var refs = advertised(repo, remote, ref.candidates().toArray(String[]::new));
        String found = ref.candidates().stream().filter(c -> refs.get(c) != null && refs.get(c).getObjectId() != null).findFirst()
                .orElseThrow(() -> new SourceConfigException(SourceErrors.where(name, spec.url()) + "no ref '" + ref + "' (tried "
                        + String.join(", ", ref.candidates()) + "); give a branch, a full commit sha, refs/pull/N/head or refs/merge-requests/N/head", null));
        fetch(repo, remote, List.of(new RefSpec("+" + found + ":" + local(found))));
        ObjectId id = refs.get(found).getObjectId();
        if (!repo.getObjectDatabase().has(id)) {
            throw new SourceException(SourceErrors.where(name, spec.url()) + "the fetch of " + found + " did not bring its commit " + id.name(), null);
        }
        return repo.resolve(id.name() + "^{commit}");
    }

    /**
     * Fetches the commit {@code ref} names: by the ref that holds it when known (a pull request's head,
     * kept as {@code refs/kustos-preview/pull/N/head} until {@link #forget}), else, when the clone lacks
     * it, by searching the remote's branches and request heads (the refs of that search are dropped at
     * once). The commit is kept as {@code refs/kustos-preview/commits/<sha>} until {@link #forget}.
     */
    private ObjectId fetchSha(Repository repo, RemoteSession remote, PreviewRef ref) throws IOException {
        ObjectId id = ObjectId.fromString(ref.text());
        if (!repo.getObjectDatabase().has(id) && ref.heldBy() != null && advertised(repo, remote, ref.heldBy()).get(ref.heldBy()) != null) {
            fetch(repo, remote, List.of(new RefSpec("+" + ref.heldBy() + ":" + local(ref.heldBy()))));
        }
        if (!repo.getObjectDatabase().has(id)) {
            var specs = new java.util.ArrayList<RefSpec>();
            specs.add(new RefSpec("+refs/heads/*:" + SEARCH_REFS + "heads/*"));
            PreviewRef.REQUEST_HEADS.forEach(r -> specs.add(new RefSpec("+" + r + ":" + SEARCH_REFS + r.substring("refs/".length()))));
            try {
                fetch(repo, remote, specs);
                keep(repo, COMMIT_REFS + id.name(), id);
            } finally { // the commit is kept (above) before the search's refs go
                for (Ref found : repo.getRefDatabase().getRefsByPrefix(SEARCH_REFS)) {
                    delete(repo, found.getName());
                }
            }
        }
        if (!repo.getObjectDatabase().has(id)) {
            throw new SourceConfigException(SourceErrors.where(name, spec.url()) + "commit " + ref + " is on no branch, pull request or merge "
                    + "request head of the remote; push it, or give the ref that holds it", null);
        }
        keep(repo, COMMIT_REFS + id.name(), id);
        return id;
    }

    /**
     * Deletes the preview refs of {@code ref} from the clone ({@code refs/kustos-preview/…}: the branch or
     * request head it named, the commit it kept, the ref that held it): a closed pull request's commits
     * are then unreferenced, and git's garbage collection drops them in time. The followed branch stays.
     */
    public synchronized void forget(PreviewRef ref) throws SourceException {
        try (CloneLock ignored = CloneLock.take(cache.dir()); Repository repo = cache.open()) {
            var names = new java.util.ArrayList<String>();
            if (ref.isSha()) {
                names.add(COMMIT_REFS + ref.text());
                if (ref.heldBy() != null) {
                    names.add(local(ref.heldBy()));
                }
            } else if (!ref.text().equals(spec.branch()) && !ref.text().equals(SourceCache.branchRef(spec.branch()))) {
                ref.candidates().forEach(c -> names.add(local(c)));
            }
            for (String n : names) {
                delete(repo, n);
            }
        } catch (IOException e) {
            throw new SourceException(SourceErrors.where(name, spec.url()) + "cannot drop the preview refs of " + ref + " in the local clone "
                    + cache.dir() + ": " + Redactor.url(e.getMessage()), e);
        }
    }

    /** Where the clone keeps the remote's {@code remoteRef} for previews: {@code refs/kustos-preview/pull/12/head}. */
    private static String local(String remoteRef) {
        return PREVIEW_REFS + remoteRef.substring("refs/".length());
    }

    private static void keep(Repository repo, String name, ObjectId id) throws IOException {
        if (!repo.getObjectDatabase().has(id)) {
            return;
        }
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.update();
    }

    private static void delete(Repository repo, String name) throws IOException {
        if (repo.exactRef(name) != null) {
            RefUpdate update = repo.updateRef(name);
            update.setForceUpdate(true);
            update.delete();
        }
    }

    /**
     * The poll's fetch of the followed branch: its ref advertisement is the poll's ls-remote (counted as one); the fetch
     * counts only when it fetched ({@link #pollNow}). A branch the remote lacks is a configuration error naming its branches.
     */
    private FetchResult fetchBranch(Repository repo, RemoteSession remote) throws IOException {
        String branchRef = SourceCache.branchRef(spec.branch());
        lsRemotes++;
        // protocol v0: the ref advertisement answers in one round trip (v2 needs a second one for ls-refs)
        repo.getConfig().setString("protocol", null, "version", "0");
        // without allowForcePush, a head that does not descend from the local one leaves the branch where it is
        RefSpec refSpec = new RefSpec(branchRef + ":" + branchRef).setForceUpdate(spec.allowForcePush());
        try {
            return transfer(repo, remote, List.of(refSpec));
        } catch (TransportException e) {
            if (!String.valueOf(e.getMessage()).equals(MessageFormat.format(JGitText.get().remoteDoesNotHaveSpec, branchRef))) {
                throw remote.failure("fetch", e);
            }
            // the branch is not there: ask which are (one more round trip, only for this error)
            throw SourceErrors.branchNotFound(name, spec.url(), spec.branch(), advertised(repo, remote, Constants.R_HEADS).values());
        } catch (GitAPIException | RuntimeException e) {
            throw remote.failure("fetch", e);
        }
    }

    private FetchResult fetch(Repository repo, RemoteSession remote, List<RefSpec> refSpecs) throws IOException {
        fetches++;
        try {
            return transfer(repo, remote, refSpecs);
        } catch (GitAPIException | RuntimeException e) {
            throw remote.failure("fetch", e);
        }
    }

    private FetchResult transfer(Repository repo, RemoteSession remote, List<RefSpec> refSpecs) throws GitAPIException, IOException {
        long packBytesBefore = cache.packBytes();
        // JGit repacks the clone after a fetch once it holds more than 50 packs, but keeps the packs it
        // replaced for an hour: past 50 fetches an hour, every fetch repacked the whole clone again and
        // left one more copy of it (the soak: 540 packs, 120 MB, 8 s per fetch after 500 commits in an
        // hour). Delete them at once, as git gc does.
        repo.getConfig().setString("gc", null, "prunePackExpire", "now");
        try {
            return new Git(repo).fetch()
                    .setRemote(spec.url())
                    .setRefSpecs(refSpecs)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setTransportConfigCallback(remote)
                    .setTimeout(remote.timeoutSeconds())
                    .call();
        } finally {
            bytesFetched += Math.max(0, cache.packBytes() - packBytesBefore);
        }
    }
}
