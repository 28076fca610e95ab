package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.render.DesiredState;
import io.kustos.render.Renderer;
import io.kustos.source.RepoSnapshot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each environment's last rendered state, by its pair of revisions: polls without a new commit
 * decrypt nothing. One entry per environment; environments render concurrently.
 */
final class RenderCache {
    private record Entry(String revisions, DesiredState desired) {
    }

    private final Renderer renderer;
    private final Map<String, Entry> last = new ConcurrentHashMap<>();

    RenderCache(Renderer renderer) {
        this.renderer = renderer;
    }

    DesiredState render(RepoSnapshot config, RepoSnapshot releases, Target target) {
        String key = config.revision() + "|" + releases.revision();
        Entry e = last.get(target.environment());
        if (e != null && e.revisions().equals(key)) {
            return e.desired();
        }
        DesiredState d = renderer.render(config, releases, target);
        last.put(target.environment(), new Entry(key, d));
        return d;
    }

    /** Renders without keeping it (an older revision, for a rollback). */
    DesiredState renderOnce(RepoSnapshot config, RepoSnapshot releases, Target target) {
        return renderer.render(config, releases, target);
    }
}
