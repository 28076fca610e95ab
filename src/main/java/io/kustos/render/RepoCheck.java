package io.kustos.render;

import io.kustos.config.Target;
import io.kustos.decrypt.Decryptor;
import io.kustos.source.RepoFile;
import io.kustos.source.RepoSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every check render makes, on one repo alone, each problem placed at its file and line
 * ({@code kustos validate}). The checks are {@link Renderer}'s own, collected rather than thrown;
 * this class only finds the lines. Pure: it reads only the snapshot it is given.
 */
public final class RepoCheck {
    /** A SOPS problem names its key path in its message ({@code mac error at sops.mac: …}). */
    private static final Pattern SOPS_PATH = Pattern.compile("^(?:mac|auth|key|format) error at ([^ ]+): ");
    private static final Pattern YAML_LINE = Pattern.compile("^malformed YAML at line (\\d+)");
    /** A duplicate names the object, not its document ({@code ConfigMap ns/name is also defined in …}). */
    private static final Pattern DUPLICATE = Pattern.compile("^(?:ConfigMap|Secret) [^/ ]+/(\\S+) is also defined in ");

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
        var found = new LinkedHashSet<LocatedProblem>();
        Map<String, YamlLines> lines = new HashMap<>();
        for (Target target : targets) {
            var problems = kind == RepoKind.CONFIG ? renderer.configProblems(repo, target) : renderer.releaseProblems(repo, target);
            for (RenderProblem p : problems) {
                if (!namespacesKnown && p.path().endsWith("metadata.namespace") && p.message().startsWith("namespace ")) {
                    continue;  // which namespaces an environment may use is kustos.yaml's to say
                }
                found.add(locate(p, kind, repo, lines));
            }
        }
        var out = new ArrayList<>(found);
        out.sort(Comparator.comparing(LocatedProblem::file).thenComparingInt(LocatedProblem::line));
        return out;
    }

    private static LocatedProblem locate(RenderProblem p, RepoKind kind, RepoSnapshot repo, Map<String, YamlLines> lines) {
        String prefix = kind.word() + ":";
        String file = p.file().startsWith(prefix) ? p.file().substring(prefix.length()) : p.file();
        RepoFile f = repo.files(file).get(file);
        if (f == null || !f.readable()) {
            return new LocatedProblem(file, f == null ? 0 : 1, p.path(), p.message());
        }
        Matcher yaml = YAML_LINE.matcher(p.message());
        if (yaml.find()) {
            return new LocatedProblem(file, Integer.parseInt(yaml.group(1)), p.path(), p.message());
        }
        String keyPath = p.path();
        Matcher sops = SOPS_PATH.matcher(p.message());
        if (keyPath.isEmpty() && sops.find() && !sops.group(1).equals("(document)")) {
            keyPath = sops.group(1).replace(':', '.');
        }
        Matcher duplicate = DUPLICATE.matcher(p.message());
        if (keyPath.isEmpty() && duplicate.find()) {
            keyPath = nameOf(duplicate.group(1), f.content());
        }
        int line = lines.computeIfAbsent(file, x -> YamlLines.of(f.content())).line(keyPath);
        return new LocatedProblem(file, line, p.path(), p.message());
    }

    /** The key path of {@code metadata.name} in the document that names {@code name}; empty when none does. */
    private static String nameOf(String name, byte[] content) {
        try {
            var docs = YamlDocuments.read(content);
            for (var doc : docs) {
                if (name.equals(doc.node().path("metadata").path("name").asText(null))) {
                    return (docs.size() > 1 ? "[" + doc.index() + "]." : "") + "metadata.name";
                }
            }
        } catch (IllegalArgumentException e) {
            // it parsed for render: cannot happen
        }
        return "";
    }
}
