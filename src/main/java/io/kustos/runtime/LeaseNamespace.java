package io.kustos.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the Lease lives when kustos.yaml does not say: the pod's own namespace. */
public final class LeaseNamespace {
    public static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private LeaseNamespace() {
    }

    /** {@code configured}, else {@code POD_NAMESPACE}, else the service account's namespace, else {@code default}. */
    public static String resolve(String configured, Map<String, String> env, Path serviceAccountFile) {
        if (configured != null) {
            return configured;
        }
        String fromEnv = env.get("POD_NAMESPACE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            if (Files.isRegularFile(serviceAccountFile)) {
                String ns = Files.readString(serviceAccountFile).strip();
                if (!ns.isEmpty()) {
                    return ns;
                }
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return "default";
    }
}
