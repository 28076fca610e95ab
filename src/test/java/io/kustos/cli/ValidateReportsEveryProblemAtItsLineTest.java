package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code kustos validate} on working trees of the repos: render's checks, offline, every problem
 * at once as {@code path:line: key path: message}; exit 3 on any problem, 0 when there is none.
 */
class ValidateReportsEveryProblemAtItsLineTest {
    private static final String CONFIG = "config/environments/staging/api/config.yaml";
    private static final String RELEASE = "releases/environments/staging/release.yaml";

    @TempDir
    Path dir;

    @Test
    void cleanReposExitZeroWithAndWithoutKeys() {
        var repos = new ValidateRepos(dir);
        for (var run : new ValidateRepos.Run[]{repos.validate(repos.config.toString(), repos.releases.toString()),
                repos.validateWithKey(repos.config.toString(), repos.releases.toString())}) {
            assertEquals(0, run.code(), run.all());
            assertEquals("no problems in " + repos.config + " (config repo), " + repos.releases + " (release repo)\n", run.out());
        }
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                arguments("an unquoted number", CONFIG, ValidateRepos.CONFIG_MAP.replace("PORT: \"8080\"", "PORT: 8080"),
                        CONFIG + ":7: data.PORT: must be a string, not a number (quote it)"),
                arguments("a name that is not a DNS name", CONFIG, ValidateRepos.CONFIG_MAP.replace("name: api-config", "name: Api_Config"),
                        CONFIG + ":4: metadata.name: \"Api_Config\" must be a DNS-1123 subdomain"),
                arguments("a bad name in the second document of a file", CONFIG, "---\n" + ValidateRepos.CONFIG_MAP + "---\n"
                                + ValidateRepos.CONFIG_MAP.replace("name: api-config", "name: Web_Config"),
                        CONFIG + ":13: [1].metadata.name: \"Web_Config\" must be a DNS-1123 subdomain"),
                arguments("an empty document before a bad one", CONFIG, "---\n---\n" + ValidateRepos.CONFIG_MAP.replace("PORT: \"8080\"", "PORT: 8080"),
                        CONFIG + ":9: data.PORT: must be a string, not a number (quote it)"),
                arguments("an object defined twice", "config/environments/staging/web/config.yaml",
                        ValidateRepos.CONFIG_MAP.replace("api-config", "web-config") + "---\n" + ValidateRepos.CONFIG_MAP,
                        "config/environments/staging/web/config.yaml:12: [1].metadata.name: ConfigMap staging/api-config is also defined in "),
                arguments("a duplicate key", CONFIG, ValidateRepos.CONFIG_MAP + "  LOG_LEVEL: debug\n",
                        CONFIG + ":8: data.LOG_LEVEL: duplicate key LOG_LEVEL: a key appears once in a mapping (YAML readers disagree on which"
                                + " value wins); keep the one you mean and remove the other"),
                arguments("malformed YAML", CONFIG, ValidateRepos.CONFIG_MAP + "  BROKEN: [one,\n",
                        CONFIG + ":8: data.BROKEN: malformed YAML at column 15: while parsing a flow node"),
                arguments("a mutable tag", RELEASE, ValidateRepos.RELEASE.replace("api:1.2.3", "api:latest"),
                        RELEASE + ":7: workloads[0].containers.api: \"registry.example.com/api:latest\" uses the mutable tag :latest"),
                arguments("a hook of a missing workload", RELEASE, ValidateRepos.RELEASE.replace("workload: api", "workload: apx"),
                        RELEASE + ":11: hooks.preDeploy[0].workload: apx is not one of this release's workloads"),
                arguments("a release for another environment", RELEASE, ValidateRepos.RELEASE.replace("environment: staging", "environment: prod"),
                        RELEASE + ":3: environment: says prod but the file is in environments/staging"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void eachProblemNamesItsFileAndLineAndExitsThree(String what, String file, String content, String expected) {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(dir.resolve(file), content);
        var run = repos.validate(repos.config.toString(), repos.releases.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().contains(dir.resolve(expected.substring(0, expected.indexOf(':'))) + expected.substring(expected.indexOf(':'))),
                "want " + expected + " in:\n" + run.out());
        // an object defined twice is a problem of each of its two definitions
        String count = expected.contains(" is also defined in ") ? "2 problems" : "1 problem";
        assertTrue(run.out().endsWith(count + " in " + repos.config + " (config repo), " + repos.releases + " (release repo)\n"), run.out());
    }

    @Test
    void everyProblemOfBothReposIsReportedInOneRun() {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(dir.resolve(CONFIG), ValidateRepos.CONFIG_MAP.replace("PORT: \"8080\"", "PORT: 8080")
                .replace("name: api-config", "name: Api_Config"));
        ValidateRepos.write(dir.resolve(RELEASE), ValidateRepos.RELEASE.replace("api:1.2.3", "api:latest").replace("workload: api", "workload: apx"));
        ValidateRepos.write(repos.releases.resolve("environments/production/release.yaml"), ValidateRepos.RELEASE.replace("staging", "production"));
        var run = repos.validate(repos.config.toString(), repos.releases.toString());
        assertEquals(3, run.code(), run.all());
        String[] lines = run.out().split("\n");
        assertEquals(6, lines.length, run.out());
        // an environment of the release repo has no folder in the config repo: render refuses it too
        assertEquals(repos.config.resolve("environments/production") + ": the config repo has no folder for environment production", lines[0]);
        assertTrue(lines[1].startsWith(repos.config.resolve("environments/staging/api/config.yaml") + ":4: "), run.out());
        assertTrue(lines[2].startsWith(repos.config.resolve("environments/staging/api/config.yaml") + ":7: "), run.out());
        assertTrue(lines[3].startsWith(repos.releases.resolve("environments/staging/release.yaml") + ":7: "), run.out());
        assertTrue(lines[4].startsWith(repos.releases.resolve("environments/staging/release.yaml") + ":11: "), run.out());
        assertEquals("5 problems in " + repos.config + " (config repo), " + repos.releases + " (release repo)", lines[5]);
    }

    @Test
    void aSymbolicLinkIsRefusedAsRenderRefusesIt() throws Exception {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(dir.resolve("outside.yaml"), ValidateRepos.CONFIG_MAP.replace("api-config", "web-config"));
        Path link = repos.config.resolve("environments/staging/api/linked.yaml");
        java.nio.file.Files.createSymbolicLink(link, dir.resolve("outside.yaml"));
        var run = repos.validate(repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().startsWith(link + ":1: is a symbolic link; Kustos reads only regular files and folders"
                + " and never follows a link: put the files themselves there (a copy) or remove the link\n"), run.out());
    }

    /** A folder that is a link (to a folder of the repo or outside it) is refused, never followed nor skipped. */
    @Test
    void aFolderThatIsASymbolicLinkIsRefused() throws Exception {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(dir.resolve("outdir/svc/config.yaml"), ValidateRepos.CONFIG_MAP.replace("api-config", "web-config"));
        Path inside = repos.config.resolve("environments/staging/tw");
        java.nio.file.Files.createSymbolicLink(inside, Path.of("api"));
        Path outside = repos.config.resolve("environments/staging/ext");
        java.nio.file.Files.createSymbolicLink(outside, dir.resolve("outdir"));
        Path environment = repos.config.resolve("environments/qa");
        java.nio.file.Files.createSymbolicLink(environment, Path.of("staging"));
        var run = repos.validate(repos.config.toString());
        assertEquals(3, run.code(), run.all());
        String refused = ":1: is a symbolic link; Kustos reads only regular files and folders and never follows a link";
        assertTrue(run.out().contains(environment + refused), run.out());
        assertTrue(run.out().contains(inside + refused), run.out());
        assertTrue(run.out().contains(outside + refused), run.out());
        assertFalse(run.out().contains("web-config"), "the folder outside is never read: " + run.out());
    }

    @Test
    void theKindOfRepoIsToldByItsLayoutAndTheCurrentDirectoryIsTheDefault() {
        var repos = new ValidateRepos(dir);
        var release = repos.validate(repos.releases.toString());
        assertEquals(0, release.code(), release.all());
        assertEquals("no problems in " + repos.releases + " (release repo)\n", release.out());
        ValidateRepos.write(dir.resolve("elsewhere/notes.md"), "# not a repo of Kustos\n");
        var neither = repos.validate(dir.resolve("elsewhere").toString());
        assertEquals(3, neither.code(), neither.all());
        assertTrue(neither.out().startsWith(dir.resolve("elsewhere") + ": is neither a config repo"), neither.out());
        var here = repos.validate();
        assertEquals(3, here.code(), "the worktree of Kustos itself is no config repo: " + here.all());
        assertTrue(here.out().startsWith(".: is neither a config repo"), here.out());
    }

    @Test
    void aNamespaceIsCheckedAgainstKustosYamlWhenThereIsOne() {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(dir.resolve(CONFIG), ValidateRepos.CONFIG_MAP.replace("name: api-config", "name: api-config\n  namespace: other"));
        Path kustosYaml = writeKustosYaml(1);
        assertEquals(0, repos.validate(repos.config.toString()).code(), "without kustos.yaml, namespaces are not known");
        var run = repos.validate("-c", kustosYaml.toString(), repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().contains(CONFIG.substring("config/".length()) + ":5: metadata.namespace: namespace other is not allowed for environment staging"),
                run.out());
    }

    @Test
    void noNetworkIsOpenedEvenWithKustosYamlRemotes() throws Exception {
        var repos = new ValidateRepos(dir);
        try (var remote = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path kustosYaml = writeKustosYaml(remote.getLocalPort());
            var run = repos.validate("-c", kustosYaml.toString(), repos.config.toString(), repos.releases.toString());
            assertEquals(0, run.code(), run.all());
            remote.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, remote::accept, "validate connected to the remote of kustos.yaml");
        }
        assertFalse(repos.validate("-c", dir.resolve("kustos.yaml").toString(), repos.config.toString()).all().contains("error"));
    }

    /** A kustos.yaml whose git remotes are on {@code port} of loopback, with the target staging. */
    private Path writeKustosYaml(int port) {
        Path file = dir.resolve("kustos.yaml");
        ValidateRepos.write(file, """
                sources:
                  config:   { url: http://127.0.0.1:%1$d/config.git,   branch: main }
                  releases: { url: http://127.0.0.1:%1$d/releases.git, branch: main }
                targets:
                  - { environment: staging, namespace: staging }
                """.formatted(port));
        return file;
    }
}
