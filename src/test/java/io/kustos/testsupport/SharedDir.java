package io.kustos.testsupport;

import java.nio.file.Path;

/**
 * The shared directory of test vectors and tools: {@code $KUSTOS_SHARED} when set (.ci/run sets it,
 * also for a clone made elsewhere than beside it), else {@code ../shared} beside this checkout.
 */
public final class SharedDir {
    private SharedDir() {
    }

    public static Path resolve(String... parts) {
        String env = System.getenv("KUSTOS_SHARED");
        Path root = env == null || env.isBlank() ? Path.of("..", "shared") : Path.of(env);
        return root.resolve(Path.of("", parts));
    }
}
