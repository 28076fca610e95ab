package io.kustos.cluster.embedded;

import java.nio.file.Path;

/** Starts a cluster for manual checks: DevMain PORT KUBECONFIG. */
final class DevMain {
    public static void main(String[] args) throws Exception {
        EmbeddedCluster c = EmbeddedCluster.start(Integer.parseInt(args[0]));
        c.writeKubeconfig(Path.of(args[1]));
        System.out.println("up " + c.url());
        Thread.sleep(Long.MAX_VALUE);
    }
}
