package io.kustos.render;

import io.kustos.source.RepoFile;
import io.kustos.source.RepoSnapshot;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Places render's problems in the repos they were found in: each at the line render knows (a file
 * that does not parse), else at the line of its {@link KeyPath}, or of the nearest enclosing key the
 * file has ({@link YamlLines}, render's own parser); never from a problem's message. Used by
 * {@code kustos validate} ({@link RepoCheck}) and for a revision that does not render in
 * {@code kustos preview} and a pull request's report ({@link RenderException#locatedIn}). Nothing
 * of the files' values is kept.
 */
final class ProblemLocator {
    private final Map<RepoKind, RepoSnapshot> repos;
    /** By file, as render names it ({@code config:environments/…}). */
    private final Map<String, YamlLines> lines = new HashMap<>();

    /** @param repos the snapshot of each kind the problems were found in */
    ProblemLocator(Map<RepoKind, RepoSnapshot> repos) {
        this.repos = new EnumMap<>(repos);
    }

    /**
     * {@code p} at its line, its file named as render names it ({@code config:environments/staging/app/ports.yaml});
     * line 0 when it is in no file of the repos (a missing folder), 1 for a file that cannot be read.
     * The other place it names, if any, is placed at its line too.
     */
    LocatedProblem locate(RenderProblem p) {
        var also = p.also() == null ? null : new LocatedProblem.Place(p.also().file(), line(p.also().file(), p.also().path(), 0));
        return new LocatedProblem(p.file(), line(p.file(), p.path(), p.line()), p.path().toString(), p.message(), also);
    }

    /** The line of {@code at} in {@code file} (as render names it), or {@code known} when render knows it. */
    private int line(String file, KeyPath at, int known) {
        for (var repo : repos.entrySet()) {
            String path = repo.getKey().pathOf(file);
            if (path != null) {
                RepoFile f = repo.getValue().files(path).get(path);
                if (f == null || !f.readable()) {
                    return f == null ? 0 : 1;
                }
                return known > 0 ? known : lines.computeIfAbsent(file, x -> YamlLines.of(f.content())).line(at);
            }
        }
        return 0;
    }
}
