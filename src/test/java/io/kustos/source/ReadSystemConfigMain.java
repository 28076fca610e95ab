package io.kustos.source;

import org.eclipse.jgit.util.SystemReader;

/** For {@link GitSystemConfigTest}: prints the system config's {@code kustos.probe} as JGit reads it after Kustos's set-up. */
public final class ReadSystemConfigMain {
    private ReadSystemConfigMain() {
    }

    public static void main(String[] args) throws Exception {
        JGitDefaults.apply();
        System.out.println("probe=" + SystemReader.getInstance().getSystemConfig().getString("kustos", null, "probe"));
    }
}
