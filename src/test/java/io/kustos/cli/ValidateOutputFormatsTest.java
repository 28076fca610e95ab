package io.kustos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.render.LocatedProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kustos validate -o json} is data a program reads; {@code -o github} is GitHub Actions' annotation syntax, exactly. */
class ValidateOutputFormatsTest {
    @TempDir
    Path dir;

    private ValidateRepos withTwoProblems() {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(repos.config.resolve("environments/staging/api/config.yaml"),
                ValidateRepos.CONFIG_MAP.replace("PORT: \"8080\"", "PORT: 8080"));
        ValidateRepos.write(repos.releases.resolve("environments/staging/release.yaml"),
                ValidateRepos.RELEASE.replace("workload: api", "workload: apx"));
        return repos;
    }

    @Test
    void jsonListsEveryProblemWithFileLineKeyPathAndMessage() throws Exception {
        var repos = withTwoProblems();
        var run = repos.validate("-o", "json", repos.config.toString(), repos.releases.toString());
        assertEquals(3, run.code(), run.all());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(java.util.List.of("valid", "repos", "problems"), iterable(report.fieldNames()), "README's order");
        assertEquals(java.util.List.of("file", "line", "keyPath", "message"), iterable(report.at("/problems/0").fieldNames()));
        assertFalse(report.get("valid").asBoolean());
        assertEquals("config", report.at("/repos/0/kinds/0").asText());
        assertEquals("releases", report.at("/repos/1/kinds/0").asText());
        assertEquals(2, report.get("problems").size());
        JsonNode first = report.at("/problems/0");
        assertEquals(repos.config.resolve("environments/staging/api/config.yaml").toString(), first.get("file").asText());
        assertEquals(7, first.get("line").asInt());
        assertEquals("data.PORT", first.get("keyPath").asText());
        assertEquals("must be a string, not a number (quote it)", first.get("message").asText());
        assertEquals(11, report.at("/problems/1/line").asInt());
        var clean = new ObjectMapper().readTree(new ValidateRepos(dir.resolve("clean")).validate("-o", "json",
                dir.resolve("clean/config").toString()).out());
        assertTrue(clean.get("valid").asBoolean());
        assertEquals(0, clean.get("problems").size());
    }

    @Test
    void githubPrintsOneErrorAnnotationPerProblem() {
        var repos = withTwoProblems();
        var run = repos.validate("-o", "github", repos.config.toString(), repos.releases.toString());
        assertEquals(3, run.code(), run.all());
        assertEquals("::error file=" + repos.config.resolve("environments/staging/api/config.yaml")
                        + ",line=7::data.PORT: must be a string, not a number (quote it)\n"
                        + "::error file=" + repos.releases.resolve("environments/staging/release.yaml")
                        + ",line=11::hooks.preDeploy[0].workload: apx is not one of this release's workloads\n",
                run.out());
        assertEquals("", new ValidateRepos(dir.resolve("clean")).validate("-o", "github", dir.resolve("clean/config").toString()).out());
    }

    @Test
    void githubEscapesAsTheActionsToolkitDoes() {
        assertEquals("::error file=a%2Cb%3Ac.yaml,line=3::k: 50%25 done%0Anext%0Dline",
                ProblemFormat.annotation(new LocatedProblem("a,b:c.yaml", 3, "k", "50% done\nnext\rline")));
        assertEquals("::error file=environments/prod::the config repo has no folder for environment prod",
                ProblemFormat.annotation(new LocatedProblem("environments/prod", 0, "", "the config repo has no folder for environment prod")));
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> names) {
        var out = new java.util.ArrayList<String>();
        names.forEachRemaining(out::add);
        return out;
    }
}
