package io.kustos.source;

import org.eclipse.jgit.util.FS;

/**
 * Process-wide JGit settings Kustos needs, applied once before any repository is opened.
 *
 * <p>JGit measures each file system's timestamp resolution on the first use of a directory, in a
 * task on the common ForkJoinPool, and waits for it without a time limit. When every worker of
 * that pool is busy (on a 2-core machine it has one; and from Java 25 on, a worker blocked in a
 * pipe read is not replaced), the task never runs: {@code file://} remotes, whose upload-pack runs
 * in a thread of this process, then hung forever in ls-remote. In the background mode JGit waits
 * at most 100 ms and meanwhile uses its conservative fallback (a file changed within 2 s is
 * re-read), which costs nothing here.
 *
 * <p>On Linux, JGit is told where git's system-wide config is when that is certain ({@link GitSystemConfig}) instead of
 * running git to ask.
 */
final class JGitDefaults {
    static {
        FS.FileStoreAttributes.setBackground(true);
        GitSystemConfig.Known systemConfig = GitSystemConfig.isLinux() ? GitSystemConfig.onLinux(System::getenv) : null;
        if (systemConfig != null) {
            FS.DETECTED.setGitSystemConfig(systemConfig.file());
        }
    }

    private JGitDefaults() {
    }

    /** Makes sure the settings are applied (the first call applies them). */
    static void apply() {
        // the static initializer did the work
    }
}
