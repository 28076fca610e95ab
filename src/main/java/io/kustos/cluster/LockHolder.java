package io.kustos.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Who holds an environment's write lock, as its Lease says: {@code kustos apply by alice@laptop pid 4242}
 * or {@code kustos run kustos-7d9f pid 1}, so that the writer who waits can name it.
 */
public final class LockHolder {
    private LockHolder() {
    }

    /** {@code kustos apply} (or another one-shot command) run by the current user on this host. */
    public static String command(String command) {
        return "kustos " + command + " by " + System.getProperty("user.name", "?") + "@" + host(System.getenv()) + " pid " + pid();
    }

    /** {@code kustos run} in its pod ({@code POD_NAME}, else {@code HOSTNAME}, else the host name). */
    public static String daemon() {
        Map<String, String> env = System.getenv();
        String pod = env.get("POD_NAME");
        return "kustos run " + (pod != null && !pod.isBlank() ? pod.strip() : host(env)) + " pid " + pid();
    }

    /**
     * A sharded replica's identity, as its Leases say: {@code POD_NAME}, else the host name and the process id
     * ({@code build-7-4242}), so that several replicas on one machine differ.
     */
    public static String replica(Map<String, String> env) {
        String pod = env.get("POD_NAME");
        return pod != null && !pod.isBlank() ? pod.strip() : host(env) + "-" + pid();
    }

    /**
     * The sharded replica identities ({@link #replica}) that a write lock's {@code holder} may be: for
     * {@code kustos run kustos-3 pid 7}, {@code kustos-3} (POD_NAME) or {@code kustos-3-7} (host name and pid); none
     * for a one-shot command's.
     */
    public static java.util.List<String> replicas(String holder) {
        String daemon = "kustos run ";
        int pid = holder == null ? -1 : holder.lastIndexOf(" pid ");
        if (pid < daemon.length() || !holder.startsWith(daemon)) {
            return java.util.List.of();
        }
        String name = holder.substring(daemon.length(), pid);
        return java.util.List.of(name, name + "-" + holder.substring(pid + 5));
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    private static String host(Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
