package io.kustos.cluster;

import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kustos.work.Threads;

import java.util.List;
import java.util.Set;

/**
 * The JSON readers of Kustos's clients, shared by all of them (one {@link KubernetesSerialization}, whose Jackson
 * mapper keeps each type's reader once made), and made ready before they are needed (issue 18 point 1,
 * docs/benchmarks.md "CLI start"). A short command that lists the cluster's objects starts {@link #prepareEarly} as
 * it starts, beside picocli and kustos.yaml on the main thread: the readers of the lists a reconcile reads
 * (ConfigMaps, Secrets, Deployments: Jackson's readers of the whole pod template, ~400 classes found by reflection)
 * and of a kubeconfig are then made on the otherwise idle second core, no longer between the client and its first
 * request.
 */
public final class ModelReaders {
    /**
     * The commands that list the cluster's objects as they start: they prepare the readers early. (No other command
     * loads a model class for asking: the types read are named in {@link #prepare} only.)
     */
    static final Set<String> LISTING_COMMANDS = Set.of("apply", "diff", "preview");

    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"http://127.0.0.1:1\"}\n"
            + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u, namespace: n}\ncurrent-context: x\n";

    private static boolean prepared;
    /** How many times {@link #prepare} made the readers: once in a process (ClientsShareTheirModelReadersTest). */
    private static int made;

    private ModelReaders() {
    }

    /**
     * The serialization every client of {@link ClusterClients} reads and writes with; also Kustos's own copies of models
     * ({@code clone}), so that each type's reader is made once in a process.
     */
    public static KubernetesSerialization serialization() {
        return Shared.SERIALIZATION;
    }

    /**
     * Starts making the readers ready on a daemon thread of its own when {@code command} lists the cluster's objects
     * ({@link #LISTING_COMMANDS}); else does nothing. Returns whether it started.
     */
    public static boolean prepareEarly(String command) {
        if (command == null || !LISTING_COMMANDS.contains(command)) {
            return false;
        }
        Threads.daemon("kustos-model-readers").newThread(() -> {
            try {
                prepare();
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the client that needs a reader makes it, and reports what is wrong, as before
            }
        }).start();
        return true;
    }

    /**
     * Makes the readers of the lists a reconcile reads and of a kubeconfig ready (once; a caller during the first
     * waits for it rather than making them again).
     */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        made++;
        KubeConfigUtils.parseConfigFromString(KUBECONFIG); // fabric8's own mapper, which reads every kubeconfig
        List.of(ConfigMapList.class, SecretList.class, DeploymentList.class).forEach(type -> serialization().unmarshal("{\"items\":[{}]}", type));
    }

    /** How many times the readers were made in this process (one, once any command or client asked). */
    static synchronized int timesMade() {
        return made;
    }

    /** Made when first asked for. */
    private static final class Shared {
        static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    }
}
