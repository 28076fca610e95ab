package io.kustos.source;

import java.io.File;
import java.util.function.Function;

/**
 * Where git keeps its system-wide config on Linux ({@code git config --system}: proxies, CA files, {@code insteadOf}
 * rewrites a machine's admin set), found without running git.
 *
 * <p>JGit finds it by running the git on the PATH twice ({@code git --version}, then {@code git config --system
 * --show-origin --list -z}), for each repository opened at once (its answer is not shared between threads that ask
 * together): four processes, ~30-50 ms, in every {@code kustos apply} and {@code diff} (docs/benchmarks.md "CLI start").
 * On Linux the answer is the file git is built to read: {@code $GIT_CONFIG_SYSTEM} when set (git 2.32+), else its
 * {@code $(sysconfdir)/gitconfig}, which is {@code /etc/gitconfig} for a git installed under {@code /usr} (the
 * distributions' git) and {@code <prefix>/etc/gitconfig} for one under another prefix ({@code /usr/local/bin/git},
 * Homebrew's {@code /home/linuxbrew/.linuxbrew/bin/git}), as git's Makefile sets it. No git on the PATH: no system
 * config, as JGit decides. {@code GIT_CONFIG_NOSYSTEM} is still JGit's to honour. Elsewhere (macOS, whose
 * {@code /usr/bin/git} is a shim of Xcode's; Windows) JGit asks git as before.
 */
final class GitSystemConfig {
    private GitSystemConfig() {
    }

    /** Whether this JVM runs on Linux, where {@link #onLinux} knows the answer. */
    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    }

    /** The system config file git on this Linux machine reads (it need not exist), or null without a git on the PATH. */
    static File onLinux(Function<String, String> env) {
        String named = env.apply("GIT_CONFIG_SYSTEM");
        if (named != null && !named.isEmpty()) {
            return new File(named);
        }
        File git = onPath(env.apply("PATH"));
        if (git == null) {
            return null;
        }
        File bin = git.getParentFile();
        File prefix = bin == null ? null : bin.getParentFile();
        if (prefix == null || !bin.getName().equals("bin") || prefix.getPath().equals("/usr")) {
            return new File("/etc/gitconfig");
        }
        return new File(new File(prefix, "etc"), "gitconfig");
    }

    /** The first {@code git} on the PATH that can be run, as JGit and the shell find it. */
    private static File onPath(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File git = new File(dir.isEmpty() ? "." : dir, "git");
            if (git.isFile() && git.canExecute()) {
                return git.isAbsolute() ? git : git.getAbsoluteFile();
            }
        }
        return null;
    }
}
