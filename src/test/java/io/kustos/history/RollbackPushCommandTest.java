package io.kustos.history;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The push command printed by {@code kustos rollback --no-push} is one line a shell runs as is. */
class RollbackPushCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/var/cache/kustos/rollback-staging-config-123 | main    | git -C /var/cache/kustos/rollback-staging-config-123 push origin HEAD:refs/heads/main",
            "/home/a b/rollback-staging-config-1           | release | git -C '/home/a b/rollback-staging-config-1' push origin HEAD:refs/heads/release",
            "/home/it's/rollback-x-config-1                | main    | git -C '/home/it'\\''s/rollback-x-config-1' push origin HEAD:refs/heads/main"})
    void theDirectoryIsOneShellWord(String dir, String branch, String command) {
        var result = new GitRollback.RepoResult("config", "environments/staging/", "0".repeat(40), false, Path.of(dir), branch, List.of());
        assertEquals(command, result.pushCommand());
    }
}
