package io.kustos.render;

import io.kustos.source.RepoFile;
import io.kustos.source.RepoSnapshot;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places render's problems in the repos they were found in: each at the line of its key path, or
 * of the nearest enclosing key the file has ({@link YamlLines}, render's own parser). Used by
 * {@code kustos validate} ({@link RepoCheck}) and for a revision that does not render in
 * {@code kustos preview} and a pull request's report ({@link RenderException#locatedIn}). Nothing
 * of the files' values is kept.
 */
final class ProblemLocator {
    /** A SOPS problem names its key path in its message ({@code mac error at sops.mac: …}). */
    private static final Pattern SOPS_PATH = Pattern.compile("^(?:mac|auth|key|format) error at ([^ ]+): ");
    private static final Pattern YAML_LINE = Pattern.compile("^malformed YAML at line (\\d+)");
    /** A duplicate names the object, not its document ({@code ConfigMap ns/name is also defined in …}). */
    private static final Pattern DUPLICATE = Pattern.compile("^(?:ConfigMap|Secret) [^/ ]+/(\\S+) is also defined in ");

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
     */
    LocatedProblem locate(RenderProblem p) {
        for (var repo : repos.entrySet()) {
            String file = repo.getKey().pathOf(p.file());
            if (file != null) {
                return locate(p, repo.getValue(), file);
            }
        }
        return new LocatedProblem(p.file(), 0, p.path(), p.message());
    }

    private LocatedProblem locate(RenderProblem p, RepoSnapshot repo, String file) {
        RepoFile f = repo.files(file).get(file);
        if (f == null || !f.readable()) {
            return new LocatedProblem(p.file(), f == null ? 0 : 1, p.path(), p.message());
        }
        Matcher yaml = YAML_LINE.matcher(p.message());
        if (yaml.find()) {
            return new LocatedProblem(p.file(), Integer.parseInt(yaml.group(1)), p.path(), p.message());
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
        int line = lines.computeIfAbsent(p.file(), x -> YamlLines.of(f.content())).line(keyPath);
        return new LocatedProblem(p.file(), line, p.path(), p.message());
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
