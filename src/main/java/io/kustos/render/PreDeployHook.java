package io.kustos.render;

import java.time.Duration;
import java.util.List;

/** A Job run once per new version of a workload, before the workload changes. */
public record PreDeployHook(String name, String workload, List<String> command, Duration timeout) {
    public PreDeployHook {
        command = List.copyOf(command);
    }
}
