package io.kustos.render;

import io.kustos.config.Target;
import io.kustos.decrypt.Decryptor;
import io.kustos.source.RepoSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every check render makes, on one repo alone, each problem placed at its file and line
 * ({@code kustos validate}). The checks are {@link Renderer}'s own, collected rather than thrown;
 * {@link ProblemLocator} finds the lines. Pure: it reads only the snapshot it is given.
 */
public final class RepoCheck {
    private final Renderer renderer;

    public RepoCheck(Decryptor decryptor) {
        this.renderer = new Renderer(decryptor);
    }

    /**
     * The problems of {@code repo}, read as a repo of {@code kind}, for each of {@code targets}; one
     * problem once however many targets find it, sorted by file and line.
     *
     * @param namespacesKnown whether the targets' namespaces are those of a kustos.yaml; if not, a
     *                        manifest's {@code metadata.namespace} is not checked against them
     */
    public List<LocatedProblem> check(RepoSnapshot repo, RepoKind kind, List<Target> targets, boolean namespacesKnown) {
        // a linked environments folder is a problem of the repo, found even where no environment is known (none to list there)
        var problems = new ArrayList<>(renderer.environmentsFolderProblems(repo, kind));
        for (Target target : targets) {
            problems.addAll(kind == RepoKind.CONFIG ? renderer.configProblems(repo, target) : renderer.releaseProblems(repo, target));
        }
        var found = new LinkedHashSet<LocatedProblem>();
        var locator = new ProblemLocator(Map.of(kind, repo));
        for (RenderProblem p : problems) {
            if (!namespacesKnown && p.path().keys().endsWith("metadata.namespace") && p.message().startsWith("namespace ")) {
                continue;  // which namespaces an environment may use is kustos.yaml's to say
            }
            found.add(locator.locate(p).named(file -> Objects.requireNonNullElse(kind.pathOf(file), file)));
        }
        var out = new ArrayList<>(found);
        out.sort(LocatedProblem.ORDER);
        return out;
    }
}
