package io.kustos.history;

import io.kustos.config.Target;
import io.kustos.history.KeyBlame.Change;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.RenderException;
import io.kustos.render.Renderer;
import io.kustos.source.CommitHistory;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which commit last changed each key of a ConfigMap or Secret of one environment: walks the
 * commits that changed {@code environments/<env>/}, newest first, renders each (SOPS files
 * decrypted in memory) and compares it key by key with the next newer one. A key is attributed
 * to the newest commit where its value differs from the commit before (added, changed or
 * removed); the walk stops once every key asked about is attributed. A commit that does not
 * render is skipped (noted in the report): a change across it is attributed to the newer commit
 * that first rendered it, the first that Kustos could have applied. Values are compared, never kept
 * or shown.
 */
public final class ConfigBlame {
    private final Renderer renderer;
    private final Target target;

    public ConfigBlame(Renderer renderer, Target target) {
        this.renderer = renderer;
        this.target = target;
    }

    /** The folder of the environment in the config repo. */
    public String folder() {
        return "environments/" + target.environment() + "/";
    }

    /** @param key one key, or null for every key the object has at the head */
    public BlameReport blame(CommitHistory history, ObjectRef ref, String key) {
        return blame(history.head(), history.changesUnder(folder()), ref, key);
    }

    /**
     * @param commits the commits that changed the environment's folder, newest first, as
     *                {@link CommitHistory#changesUnder} gives them
     * @throws BlameException the object is not in the environment at the head, the key was never
     *                        in it, or the head does not render
     */
    public BlameReport blame(Revision head, Iterator<RepoSnapshot> commits, ObjectRef ref, String key) {
        if (!commits.hasNext()) {
            throw new BlameException("environment " + target.environment() + " has no files in the config repo at " + head);
        }
        RepoSnapshot newer = commits.next();
        List<DesiredConfig> atHead;
        try {
            atHead = render(newer);
        } catch (RenderException e) {
            throw new BlameException("environment " + target.environment() + " does not render at " + head
                    + ", so there is nothing to explain; " + e.getMessage());
        }
        DesiredConfig object = find(atHead, ref, head);
        Map<String, ConfigValue> newerValues = object.entries();
        var pending = new TreeSet<String>(key == null ? newerValues.keySet() : List.of(key));
        var found = new TreeMap<String, KeyBlame>();
        var skipped = new ArrayList<BlameReport.Skipped>();
        int read = 1;
        while (!pending.isEmpty() && commits.hasNext()) {
            RepoSnapshot older = commits.next();
            read++;
            Map<String, ConfigValue> olderValues;
            try {
                olderValues = valuesOf(render(older), object);
            } catch (RenderException e) {
                skipped.add(new BlameReport.Skipped(older.head(), summary(e)));
                continue;
            }
            for (String k : List.copyOf(pending)) {
                ConfigValue now = newerValues.get(k);
                ConfigValue before = olderValues.get(k);
                if (!Objects.equals(now, before)) {
                    Change change = before == null ? Change.ADDED : now == null ? Change.REMOVED : Change.CHANGED;
                    found.put(k, new KeyBlame(k, change, newer.head()));
                    pending.remove(k);
                }
            }
            newer = older;
            newerValues = olderValues;
        }
        for (String k : pending) {
            if (newerValues.get(k) != null) {
                found.put(k, new KeyBlame(k, Change.ADDED, newer.head()));
            }
        }
        if (key != null && !found.containsKey(key)) {
            throw new BlameException("key " + key + " was never in " + object.key() + " in the history of environment "
                    + target.environment() + " (first parents of " + head + ")");
        }
        return new BlameReport(target.environment(), object.key(), head, List.copyOf(found.values()), skipped, read);
    }

    /** The environment's configs at one commit; a commit without the folder has none. */
    private List<DesiredConfig> render(RepoSnapshot commit) {
        if (commit.files(folder()).isEmpty()) {
            return List.of();
        }
        return renderer.renderConfigs(commit, target);
    }

    private DesiredConfig find(List<DesiredConfig> configs, ObjectRef ref, Revision head) {
        List<DesiredConfig> matches = configs.stream().filter(c -> ref.matches(c.key())).toList();
        if (matches.isEmpty()) {
            throw new BlameException(ref + " is not in environment " + target.environment() + " at " + head);
        }
        if (matches.size() > 1) {
            throw new BlameException(ref + " is in several namespaces of environment " + target.environment() + ": "
                    + String.join(", ", matches.stream().map(c -> c.key().toString()).sorted().toList())
                    + "; name one as " + ref.kind().toLowerCase(java.util.Locale.ROOT) + "/NAMESPACE/" + ref.name());
        }
        return matches.get(0);
    }

    private static Map<String, ConfigValue> valuesOf(List<DesiredConfig> configs, DesiredConfig object) {
        return configs.stream().filter(c -> c.key().equals(object.key())).findFirst()
                .<Map<String, ConfigValue>>map(DesiredConfig::entries).orElse(Map.of());
    }

    private static String summary(RenderException e) {
        var problems = e.problems();
        if (problems.isEmpty()) {
            return "does not render";
        }
        var first = problems.stream().min(Comparator.comparing(Object::toString)).orElseThrow();
        return problems.size() == 1 ? "does not render: " + first
                : "does not render (" + problems.size() + " problems), e.g. " + first;
    }
}
