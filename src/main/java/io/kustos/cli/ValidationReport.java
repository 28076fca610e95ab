package io.kustos.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kustos.render.LocatedProblem;
import io.kustos.render.RepoKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code kustos validate} found: each DIR with its kinds, and every problem, in order. */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"valid", "repos", "problems"})
final class ValidationReport {
    /** One DIR as validate read it. */
    record Repo(String dir, @com.fasterxml.jackson.annotation.JsonIgnore List<RepoKind> kindList) {
        @JsonProperty
        List<String> kinds() {
            return kindList.stream().map(RepoKind::word).toList();
        }

        /** {@code config (config repo)}, for people. */
        String described() {
            return dir + (kindList.isEmpty() ? "" : " (" + String.join(" and ", kindList.stream().map(RepoKind::noun).toList()) + ")");
        }
    }

    private final Map<Path, Set<RepoKind>> repos = new LinkedHashMap<>();
    private final List<LocatedProblem> problems = new ArrayList<>();

    void add(Path dir, Set<RepoKind> kinds, LocatedProblem problem) {
        add(dir, kinds);
        problems.add(problem);
    }

    /** A problem of no DIR: of the kustos.yaml -c names. */
    void add(LocatedProblem problem) {
        problems.add(problem);
    }

    void add(Path dir, Set<RepoKind> kinds) {
        repos.putIfAbsent(dir, kinds);
    }

    @JsonProperty
    boolean valid() {
        return problems.isEmpty();
    }

    @JsonProperty
    List<Repo> repos() {
        return repos.entrySet().stream()
                .map(e -> new Repo(e.getKey().toString(), List.copyOf(e.getValue()))).toList();
    }

    @JsonProperty
    List<LocatedProblem> problems() {
        return problems;
    }
}
