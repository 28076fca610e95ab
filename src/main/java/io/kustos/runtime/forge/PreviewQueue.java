package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's pull request previews, on their own thread: a webhook only queues its event, so
 * neither a storm of pull requests nor a slow or rate-limiting forge delays a reconcile. Events of
 * one pull request that wait are folded into its latest (two quick pushes preview the second head
 * once). A fork's pull request is previewed only with {@code previews.allowForks}.
 */
public final class PreviewQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewQueue.class);

    private final PullRequestPreviews settings;
    private final PullRequestPreview preview;
    private final PullRequestReporter reporter;
    private final Map<String, PullRequestEvent> waiting = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kustos-preview");
        t.setDaemon(true);
        return t;
    });

    public PreviewQueue(PullRequestPreviews settings, PullRequestPreview preview) {
        this(settings, preview, api(settings), new ForgeRetry(settings.retries(), settings.retryDelay(), d -> Thread.sleep(d.toMillis())));
    }

    PreviewQueue(PullRequestPreviews settings, PullRequestPreview preview, ForgeApi api, ForgeRetry retry) {
        this.settings = settings;
        this.preview = preview;
        this.reporter = new PullRequestReporter(api, retry);
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
        boolean folded;
        synchronized (waiting) {
            folded = waiting.put(event.key(), event) != null;
        }
        if (!folded) {
            worker.execute(() -> next(event.key()));
        }
        return folded ? "pull request preview queued (folded into the one waiting)" : "pull request preview queued";
    }

    private void next(String key) {
        PullRequestEvent event;
        synchronized (waiting) {
            event = waiting.remove(key);
        }
        if (event == null) {
            return;
        }
        try {
            handle(event);
        } catch (JsonHttp.CallFailed e) {
            LOG.warn("pull request {}: the report was not sent: {}", event, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("pull request {}: the preview failed: {}", event, e.toString());
        }
    }

    private void handle(PullRequestEvent event) {
        if (event.action() == PullRequestEvent.Action.CLOSED) {
            reporter.closed(event);
            LOG.info("pull request {} closed: its preview comment is marked outdated", event);
        } else if (event.fromFork() && !settings.allowForks()) {
            reporter.forksOff(event);
            LOG.info("pull request {} is from a fork ({}): not previewed (previews.allowForks is false)", event, event.headRepo());
        } else {
            PullRequestPreview.Verdict verdict = preview.preview(side(event), event);
            reporter.report(event, verdict);
            LOG.info("pull request {}: preview reported ({})", event, verdict.passed() ? "passed" : "failed: " + verdict.description());
        }
    }

    private PullRequestPreview.Side side(PullRequestEvent event) {
        if (event.repo().equalsIgnoreCase(String.valueOf(settings.configRepo()))) {
            return PullRequestPreview.Side.CONFIG;
        }
        if (event.repo().equalsIgnoreCase(String.valueOf(settings.releasesRepo()))) {
            return PullRequestPreview.Side.RELEASES;
        }
        return null;
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
