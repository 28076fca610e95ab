package io.kustos.rollout;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;

import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The Deployments of namespace staging, as a WireMock API server answers them to a rollout wait, and the workloads waited for. */
final class DeploymentStubs {
    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/staging/deployments";
    static final String RELEASE = "releases:environments/staging/release.yaml";

    private DeploymentStubs() {
    }

    /** A client of the WireMock server that does not retry a failed request. */
    static ConfigBuilder config(WireMockRuntimeInfo wm) {
        return new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl()).withRequestRetryBackoffLimit(0);
    }

    /** The Deployment {@code name} as {@code workloads[index]} of the release manifest declares it. */
    static DesiredWorkload deployment(String name, int index) {
        return workload(new ObjectKey("apps/v1", "Deployment", "staging", name), index);
    }

    static DesiredWorkload workload(ObjectKey key, int index) {
        return new DesiredWorkload(key, new TreeMap<>(Map.of("app", "registry.example.com/app:1.0.0")), RELEASE, "workloads[" + index + "]");
    }

    /** A Deployment at generation 2 whose controller saw {@code observed}: done when it saw 2 (replicas 0). */
    static String json(String name, int observed) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"staging","generation":2,"resourceVersion":"%d"},
                 "spec":{"replicas":0},"status":{"observedGeneration":%d}}""".formatted(name, 5 + observed, observed);
    }

    static String list(String... items) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[" + String.join(",", items) + "]}";
    }

    /** The read of one pending Deployment: a list of its name, whose resourceVersion a watch may start from. */
    static MappingBuilder named(String name) {
        return get(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("fieldSelector", equalTo("metadata.name=" + name));
    }
}
