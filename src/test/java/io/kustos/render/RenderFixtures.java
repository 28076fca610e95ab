package io.kustos.render;

import io.kustos.config.Target;
import io.kustos.source.CommitInfo;
import io.kustos.source.MemorySnapshot;
import io.kustos.source.Revision;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Small in-memory repos for render tests. */
final class RenderFixtures {
    static final Target STAGING = new Target("staging", "staging", null, null, null, false);
    static final String RELEASE = """
            apiVersion: kustos.io/v1
            kind: Release
            environment: staging
            workloads:
              - name: tungsten
                containers:
                  tungsten: registry.example.com/karix/tungsten:2.3.1
            """;
    static final String CONFIGMAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: tungsten-config
            data:
              LOG_LEVEL: info
            """;

    private RenderFixtures() {
    }

    static MemorySnapshot repo(String sha, Map<String, String> files) {
        var head = new CommitInfo(sha, "Ada", "ada@example.com", Instant.parse("2026-11-01T10:00:00Z"), "change");
        return MemorySnapshot.ofText(new Revision("main", sha), head, files);
    }

    static MemorySnapshot config(Map<String, String> files) {
        return repo("1".repeat(40), files);
    }

    static MemorySnapshot releases(String release) {
        return repo("2".repeat(40), Map.of("environments/staging/release.yaml", release));
    }

    static Map<String, String> with(String path, String content) {
        var m = new HashMap<String, String>();
        m.put("environments/staging/tungsten/config.yaml", CONFIGMAP);
        m.put(path, content);
        return m;
    }
}
