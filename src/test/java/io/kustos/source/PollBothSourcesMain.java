package io.kustos.source;

import io.kustos.config.ConfigLoader;
import io.kustos.reconcile.SourcePoller;
import java.nio.file.Path;
import java.util.Map;

/**
 * Polls both sources of a kustos.yaml once, as {@code kustos apply} does, and prints their heads:
 * run in a JVM of its own by {@link FileRemotesInAFreshJvmIT}.
 */
public final class PollBothSourcesMain {
    private PollBothSourcesMain() {
    }

    public static void main(String[] args) {
        Path yaml = Path.of(args[0]);
        var polled = new SourcePoller(ConfigLoader.load(yaml, Map.of())).poll();
        System.out.println("config " + polled.config().revision().sha());
        System.out.println("releases " + polled.releases().revision().sha());
    }
}
