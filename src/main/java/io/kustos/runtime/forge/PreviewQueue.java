package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews;
import io.kustos.config.Sources;
import io.kustos.work.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's pull request previews, on their own thread: a webhook only queues its event, so
 * neither a storm of pull requests nor a slow or rate-limiting forge delays a reconcile. Events of
 * one pull request that wait are folded into its latest (two quick pushes preview the second head
 * once). A fork's pull request is previewed only with {@code previews.allowForks}.
 * <p>
 * It keeps what each open pull request's last preview would change ({@link OpenPullRequests}, in
 * memory): when a preview, a push or a close changes which others a pull request conflicts with,
 * their comments are edited too. {@link #resume()} fills it again from the forge's open pull requests;
 * {@link #suspend()} (this replica stops leading) drops it and every queued event ({@link QueuedEvents}); every
 * {@link #RELIST} the open pull requests are listed again, to forget those closed without a webhook.
 * <p>
 * A preview that could not run for a reason that may pass (the cluster could not be reached) is no
 * verdict on the change: the status says so, the comment stays as the last preview that ran left it,
 * and the preview is tried again after {@link #FIRST_TRY_AGAIN}, doubled each time, at most
 * {@link #LAST_TRY_AGAIN}, unless a newer event of the pull request came. The status is set once per
 * head, not at each try.
 */
public final class PreviewQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewQueue.class);
    /** The first wait before a preview that could not run is tried again. */
    static final Duration FIRST_TRY_AGAIN = Duration.ofSeconds(30);
    /** The longest wait before a preview that could not run is tried again. */
    static final Duration LAST_TRY_AGAIN = Duration.ofMinutes(10);
    /**
     * How many times a preview whose git source could not be fetched ({@link PullRequestPreview.Verdict#fewTries}) is tried:
     * a forge's lagging pull request ref is there by then; a wrong {@code sources.*.url} will not be until someone fixes it.
     */
    static final int MOST_TRIES_OF_A_SOURCE = 5;
    /**
     * How often the forge's open pull requests are listed again: the state of one whose close webhook was missed is
     * dropped, and one whose push webhook was missed (it went to another replica) is previewed.
     */
    static final Duration RELIST = Duration.ofMinutes(5);
    /** The status of a head given up on after {@link #MOST_TRIES_OF_A_SOURCE}. */
    static final String GAVE_UP = "could not be previewed: a git source could not be fetched " + MOST_TRIES_OF_A_SOURCE
            + " times; check sources.*.url in kustos.yaml, then push again";

    private final PullRequestPreviews settings;
    private final PreviewedRepos repos;
    private final PullRequestPreview preview;
    private final PullRequestReporter reporter;
    private final OpenPullRequests open = new OpenPullRequests();
    private final QueuedEvents events = new QueuedEvents();
    /** Previews in a row of each pull request's head that could not run (the cluster could not be reached). */
    private final Map<String, NotRun> notRun = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration firstTryAgain;
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, Threads.daemon("kustos-preview"));

    /** Passes an event this replica does not preview on to the one that does; null: none (one replica, leader election). */
    private volatile Runnable passOn;

    /** {@code passOn} tells the replica that previews (under sharding) to re-list the open pull requests now. */
    public void passOnWith(Runnable passOn) {
        this.passOn = passOn;
    }

    /**
     * @param sources the git sources: one repo for both ({@link PreviewedRepos}) is previewed as one
     * @throws io.kustos.failure.StallingException {@code previews.tokenFile} cannot be read (exit 3)
     */
    public PreviewQueue(PullRequestPreviews settings, Sources sources, PullRequestPreview preview) {
        this(PreviewedRepos.of(checked(settings), sources), settings, preview, api(settings),
                new ForgeRetry(settings.retries(), settings.retryDelay(), d -> Thread.sleep(d.toMillis())), FIRST_TRY_AGAIN);
    }

    /** The repos of {@code settings}, on git sources that are different remotes. */
    PreviewQueue(PullRequestPreviews settings, PullRequestPreview preview, ForgeApi api, ForgeRetry retry) {
        this(settings, preview, api, retry, FIRST_TRY_AGAIN);
    }

    /** @param firstTryAgain the wait before a preview that could not run is tried again, doubled each time, at most {@link #LAST_TRY_AGAIN} */
    PreviewQueue(PullRequestPreviews settings, PullRequestPreview preview, ForgeApi api, ForgeRetry retry, Duration firstTryAgain) {
        this(PreviewedRepos.of(settings, false), settings, preview, api, retry, firstTryAgain);
    }

    PreviewQueue(PreviewedRepos repos, PullRequestPreviews settings, PullRequestPreview preview, ForgeApi api, ForgeRetry retry, Duration firstTryAgain) {
        this.settings = settings;
        this.repos = repos;
        this.preview = preview;
        this.reporter = new PullRequestReporter(api, retry);
        this.firstTryAgain = firstTryAgain;
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        worker.scheduleWithFixedDelay(this::relistOpen, RELIST.toMillis(), RELIST.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static PullRequestPreviews checked(PullRequestPreviews settings) {
        TokenFile.check(settings.tokenFile());
        return settings;
    }

    static ForgeApi api(PullRequestPreviews settings) {
        JsonHttp http = new JsonHttp();
        return settings.forge() == PullRequestPreviews.Forge.GITLAB ? new GitLabApi(settings, http) : new GitHubApi(settings, http);
    }

    /** Queues {@code event}; returns what the webhook's answer says. */
    public String offer(PullRequestEvent event) {
        if (event.action() == PullRequestEvent.Action.IGNORED) {
            return "pull request event ignored (only opened, pushed to, reopened and closed are previewed)";
        }
        if (side(event) == null) {
            return "pull request of " + event.repo() + " ignored: previews.configRepo and previews.releasesRepo name other repos";
        }
        return switch (events.offer(event)) {
            case NOT_PREVIEWING -> {
                Runnable to = passOn;
                if (to == null) {
                    yield "pull request event ignored: this replica does not preview now (the leader does)";
                }
                to.run();
                yield "pull request event passed on to the replica that previews (it re-lists the open pull requests now)";
            }
            case FOLDED -> "pull request preview queued (folded into the one waiting)";
            case QUEUED -> {
                worker.execute(() -> next(event.key()));
                yield "pull request preview queued";
            }
        };
    }

    private void next(String key) {
        var taken = events.take(key);
        if (taken.isEmpty()) {
            return;
        }
        PullRequestEvent event = taken.get().event();
        try {
            handle(event, taken.get().generation());
        } catch (JsonHttp.CallFailed e) {
            LOG.warn("{} {}: the report was not sent: {}", event.noun(), event, ForgeFailure.describe(e));
        } catch (RuntimeException e) {
            LOG.error("{} {}: the preview failed: {}", event.noun(), event, e.toString());
        }
    }

    /** @param now the {@link QueuedEvents} generation it was taken in: a preview that ends after a {@link #suspend()} reports nothing */
    private void handle(PullRequestEvent event, long now) {
        if (event.action().closes()) {
            notRun.remove(event.key());
            List<OpenPullRequests.Open> others = open.closed(event);
            preview.closed(side(event), event);
            reporter.closed(event);
            LOG.info("{} {} {}: its preview comment is marked outdated", event.noun(), event, event.action() == PullRequestEvent.Action.MERGED ? "merged" : "closed");
            conflictsChanged(others);
        } else if (event.fromFork() && !settings.allowForks()) {
            List<OpenPullRequests.Open> others = open.closed(event);
            boolean shared = open.headOfAnother(event);
            reporter.forksOff(event, !shared);
            LOG.info("{} {} is from a fork ({}): not previewed (previews.allowForks is false){}", event.noun(), event, event.headRepo(),
                    shared ? "; no status set: its head commit is also the head of a previewed one, whose status it keeps" : "");
            conflictsChanged(others);
        } else {
            var ran = ran(event, now);
            if (ran.isEmpty()) {
                return;
            }
            PullRequestPreview.Verdict verdict = ran.get();
            List<OpenPullRequests.Open> others = open.previewed(event, verdict);
            reporter.report(event, verdict, ConflictSection.of(event, open.conflicts(event)));
            LOG.info("{} {}: preview reported ({})", event.noun(), event, verdict.passed() ? "passed" : "failed: " + Descriptions.fit(verdict.description(), Integer.MAX_VALUE));
            conflictsChanged(others);
        }
    }

    /**
     * Previews {@code pr}'s head: its verdict, or empty when there is none to report now: this replica stopped
     * leading meanwhile ({@code now} is past), or the preview could not run (then it is tried again later).
     */
    private java.util.Optional<PullRequestPreview.Verdict> ran(PullRequestEvent pr, long now) {
        PullRequestPreview.Verdict verdict = preview.preview(side(pr), pr);
        if (!events.current(now)) {
            return java.util.Optional.empty(); // no longer the leader: another replica reports
        }
        if (verdict.tryAgain()) {
            notRunYet(pr, verdict, now);
            return java.util.Optional.empty();
        }
        notRun.remove(pr.key());
        return java.util.Optional.of(verdict);
    }

    /**
     * A preview that could not run (the cluster could not be reached): its status says so, its comment
     * stays, and it is tried again after a backoff unless a newer event of the pull request came.
     */
    private void notRunYet(PullRequestEvent event, PullRequestPreview.Verdict verdict, long now) {
        NotRun tries = notRun.merge(event.key(), NotRun.first(event.headSha(), verdict),
                (was, next) -> was.headSha().equals(next.headSha()) ? was.next(verdict) : next);
        int inARow = tries.inARow();
        if (verdict.fewTries() && tries.fewTriesInARow() >= MOST_TRIES_OF_A_SOURCE) {
            LOG.warn("{} {}: {} (not tried again until a new push; the log above says why each try failed)", event.noun(), event, GAVE_UP);
            reporter.gaveUp(event, GAVE_UP);
            return;
        }
        Duration wait = firstTryAgain.multipliedBy(1L << Math.min(inARow - 1, 20));
        wait = wait.compareTo(LAST_TRY_AGAIN) > 0 ? LAST_TRY_AGAIN : wait;
        LOG.info("{} {}: {} (in {})", event.noun(), event, verdict.description(), io.kustos.config.Durations.format(wait));
        try {
            worker.schedule(() -> tryAgain(event, now), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return; // stopping
        }
        if (inARow == 1) { // once per head: the status stays until the preview runs (GitLab refuses the same state twice)
            reporter.report(event, verdict, "");
        }
    }

    /**
     * How many previews in a row of {@code headSha} could not run, and how many of the last of them for a reason
     * that does not pass by itself ({@link PullRequestPreview.Verdict#fewTries}: a git source that cannot be
     * fetched): tries while the cluster could not be reached do not count towards giving up.
     */
    private record NotRun(String headSha, int inARow, int fewTriesInARow) {
        static NotRun first(String headSha, PullRequestPreview.Verdict verdict) {
            return new NotRun(headSha, 1, verdict.fewTries() ? 1 : 0);
        }

        NotRun next(PullRequestPreview.Verdict verdict) {
            return new NotRun(headSha, inARow + 1, verdict.fewTries() ? fewTriesInARow + 1 : 0);
        }
    }

    private void tryAgain(PullRequestEvent event, long then) {
        if (events.tryAgain(event, then)) {
            next(event.key());
        }
    }

    /** Edits the comments of {@code others}, whose conflicts changed: each with its last preview under its conflicts now. */
    private void conflictsChanged(List<OpenPullRequests.Open> others) {
        for (OpenPullRequests.Open o : others) {
            try {
                reporter.conflicts(o.event(), o.markdown(), ConflictSection.of(o.event(), open.conflicts(o.event())));
                LOG.info("{} {}: its comment's conflicts are updated", o.event().noun(), o.event());
            } catch (JsonHttp.CallFailed e) {
                LOG.warn("{} {}: its comment's conflicts were not updated: {}", o.event().noun(), o.event(), ForgeFailure.describe(e));
            }
        }
    }

    /**
     * Previews every open pull request of the repos again, in the background, then reports on each
     * with its conflicts: a daemon that starts or becomes the leader knows no pull request (nothing
     * is kept but in memory), and pushes while it was away were not previewed. A fork's pull request
     * is left as it is unless {@code previews.allowForks}. A repo whose pull requests cannot be listed
     * is logged; its conflicts are then found as webhooks come.
     */
    public void resume() {
        long now = events.resume();
        try {
            worker.execute(() -> {
                try {
                    previewOpen(now);
                } catch (RuntimeException e) {
                    LOG.error("the open pull requests were not all previewed again: {}", e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.info("previews are stopping: the open pull requests are not previewed again");
        }
    }

    private void previewOpen(long now) {
        open.clear();
        List<PullRequestEvent> prs = new ArrayList<>();
        for (String repo : repos.repos()) {
            prs.addAll(listed(repo).orElse(List.of()));
        }
        Map<PullRequestEvent, PullRequestPreview.Verdict> verdicts = new LinkedHashMap<>();
        for (PullRequestEvent pr : prs) {
            if (Thread.currentThread().isInterrupted() || !events.current(now)) {
                return; // stopping, or no longer the leader
            }
            if (pr.fromFork() && !settings.allowForks()) {
                continue;
            }
            events.listed(pr);
            try {
                ran(pr, now).ifPresent(verdict -> {
                    open.previewed(pr, verdict);
                    verdicts.put(pr, verdict);
                });
            } catch (RuntimeException e) {
                LOG.error("{} {}: the preview failed: {}", pr.noun(), pr, e.toString());
            }
        }
        verdicts.forEach((pr, verdict) -> {
            if (!events.current(now)) {
                return; // no longer the leader
            }
            try {
                reporter.reportUnlessShown(pr, verdict, ConflictSection.of(pr, open.conflicts(pr)));
            } catch (JsonHttp.CallFailed e) {
                LOG.warn("{} {}: the report was not sent: {}", pr.noun(), pr, ForgeFailure.describe(e));
            }
        });
        LOG.info("{} open: previewed again, with their conflicts", io.kustos.text.Plural.of(verdicts.size(), noun()));
    }

    /** The open pull requests of {@code repo}; empty when they could not be listed (logged). */
    private java.util.Optional<List<PullRequestEvent>> listed(String repo) {
        try {
            return java.util.Optional.of(reporter.open(repo));
        } catch (JsonHttp.CallFailed e) {
            LOG.warn("the open {}s of {} could not be listed: {} (their previews and conflicts follow their next webhooks)",
                    noun(), repo, ForgeFailure.describe(e));
            return java.util.Optional.empty();
        }
    }

    /**
     * Stops previewing (this replica lost the leader role): what is queued or due to be tried again is dropped, a preview
     * in flight reports nothing, and what is kept of each pull request goes (the new leader lists them again), with
     * their heads' refs in the preview clone. {@link #resume()} starts again.
     */
    public void suspend() {
        List<PullRequestEvent> known = events.suspend();
        notRun.clear();
        open.clear();
        try {
            worker.execute(() -> known.forEach(this::forgetHead));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return; // stopping
        }
        LOG.info("{}s are not previewed on this replica (it is not the leader){}", noun(),
                known.isEmpty() ? "" : "; what was kept of " + io.kustos.text.Plural.of(known.size(), noun()) + " is dropped");
    }

    /**
     * Lists the open pull requests again (every {@link #RELIST}, on the preview thread): one Kustos keeps something of
     * that is no longer open (its close webhook was missed) is forgotten, with its head's ref and its part in others'
     * conflicts; one whose head is not the one Kustos last saw (a push webhook missed) is previewed. A repo that cannot be
     * listed is left as it is.
     */
    private void relistOpen() {
        if (!events.active()) {
            return;
        }
        try {
            for (String repo : repos.repos()) {
                listed(repo).ifPresent(prs -> relisted(repo, prs));
            }
        } catch (RuntimeException e) {
            LOG.error("the open {}s were not listed again: {}", noun(), e.toString());
        }
    }

    /** {@link #relistOpen()} now, on the preview thread. */
    public void relistNow() {
        try {
            worker.execute(this::relistOpen);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void relisted(String repo, List<PullRequestEvent> prs) {
        var relisted = events.relisted(repo, prs, settings.allowForks());
        for (PullRequestEvent pr : relisted.gone()) {
            notRun.remove(pr.key());
            forgetHead(pr);
            conflictsChanged(open.closed(pr));
            LOG.info("{} {} is no longer open: what was kept of it is dropped", pr.noun(), pr);
        }
        relisted.moved().forEach(this::offer);
    }

    /** Drops {@code pr}'s head ref from the preview clone. */
    private void forgetHead(PullRequestEvent pr) {
        try {
            preview.closed(side(pr), pr);
        } catch (RuntimeException e) {
            LOG.warn("{} {}: its head's ref was not dropped: {}", pr.noun(), pr, e.toString());
        }
    }

    /** What the forge calls a pull request, for the log. */
    private String noun() {
        return PullRequestEvent.noun(settings.forge());
    }

    private PullRequestPreview.Side side(PullRequestEvent event) {
        return repos.side(event);
    }

    /** Stops taking work; the preview in flight is interrupted after {@code grace}. */
    public void close(Duration grace) throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            worker.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5));
    }
}
