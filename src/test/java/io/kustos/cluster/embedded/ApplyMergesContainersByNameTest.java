package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApplyMergesContainersByNameTest extends SharedEmbeddedCluster {


    @Test
    void applyingOneContainersImageChangesOnlyThatContainer() {
        String path = "/apis/apps/v1/namespaces/default/deployments/web";
        RawApi.Reply created = raw.apply(path, "owner", false, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: app, image: "app:1", env: [{name: A, value: "1"}]}
                      - {name: sidecar, image: "proxy:1"}
                """);
        assertEquals(201, created.code(), created.body().toString());

        RawApi.Reply applied = raw.apply(path, "kustos", false, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: app, image: "app:1"}
                """);
        assertEquals(200, applied.code(), applied.body().toString());

        applied = raw.apply(path, "images", false, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, image: "proxy:2"}
                """);
        assertEquals(409, applied.code(), "the image is owned by 'owner'");
        applied = raw.apply(path, "images", true, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, image: "proxy:2"}
                """);
        assertEquals(200, applied.code(), applied.body().toString());

        Deployment live = client.apps().deployments().withName("web").get();
        var containers = live.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(2, containers.size());
        assertEquals("app:1", containers.get(0).getImage());
        assertEquals("A", containers.get(0).getEnv().get(0).getName());
        assertEquals("proxy:2", containers.get(1).getImage());
        assertEquals(".spec.template.spec.containers[name=\"sidecar\"].image",
                conflictField(path));
    }

    private static String conflictField(String path) {
        RawApi.Reply reply = raw.apply(path, "someone-else", false, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, image: "proxy:3"}
                """);
        return reply.body().path("details").path("causes").get(0).path("field").asText();
    }
}
