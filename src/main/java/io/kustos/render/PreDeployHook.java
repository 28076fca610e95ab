package io.kustos.render;

import java.time.Duration;
import java.util.List;

/**
 * A Job run once per new version of a workload, before the workload changes.
 *
 * @param path its key path in the release manifest, e.g. {@code hooks.preDeploy[0]}
 */
public record PreDeployHook(String name, String workload, List<String> command, Duration timeout, String path) {
    public PreDeployHook {
        command = List.copyOf(command);
    }

    /** A hook whose place in the manifest is not known (tests): {@code hooks.preDeploy}. */
    public PreDeployHook(String name, String workload, List<String> command, Duration timeout) {
        this(name, workload, command, timeout, "hooks.preDeploy");
    }
}
