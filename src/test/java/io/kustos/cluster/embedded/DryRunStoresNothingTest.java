package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class DryRunStoresNothingTest extends SharedEmbeddedCluster {


    private static ConfigMap cm(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withData(data).build();
    }

    @Test
    void dryRunCreateReturnsTheObjectButStoresNothing() {
        ConfigMap result = client.configMaps().resource(cm("dry-create", Map.of("a", "1"))).dryRun().create();
        assertEquals("1", result.getData().get("a"));
        assertNotNull(result.getMetadata().getUid());
        assertNull(client.configMaps().withName("dry-create").get());
    }

    @Test
    void dryRunApplyShowsTheResultButLeavesTheLiveObject() {
        client.resource(cm("dry-apply", Map.of("a", "1"))).fieldManager("kustos").serverSideApply();
        String before = client.configMaps().withName("dry-apply").get().getMetadata().getResourceVersion();

        ConfigMap result = client.resource(cm("dry-apply", Map.of("a", "2"))).dryRun().fieldManager("kustos")
                .serverSideApply();

        assertEquals("2", result.getData().get("a"));
        ConfigMap live = client.configMaps().withName("dry-apply").get();
        assertEquals("1", live.getData().get("a"));
        assertEquals(before, live.getMetadata().getResourceVersion());
    }

    @Test
    void dryRunApplyOfAMissingObjectCreatesNothing() {
        client.resource(cm("dry-apply-new", Map.of("a", "1"))).dryRun().fieldManager("kustos").serverSideApply();
        assertNull(client.configMaps().withName("dry-apply-new").get());
    }

    @Test
    void dryRunUpdatePatchAndDeleteLeaveTheObjectAlone() {
        client.configMaps().resource(cm("dry-other", Map.of("a", "1"))).create();
        String path = "/api/v1/namespaces/default/configmaps/dry-other";
        ConfigMap live = client.configMaps().withName("dry-other").get();
        live.getData().put("a", "put");

        RawApi.Reply put = raw.send("PUT", path + "?dryRun=All", "application/json",
                io.fabric8.kubernetes.client.utils.Serialization.asJson(live));
        RawApi.Reply patch = raw.send("PATCH", path + "?dryRun=All", "application/merge-patch+json",
                "{\"data\":{\"a\":\"patched\"}}");
        RawApi.Reply delete = raw.send("DELETE", path + "?dryRun=All", null, null);

        assertEquals(200, put.code());
        assertEquals("put", put.text("data", "a"));
        assertEquals(200, patch.code());
        assertEquals("patched", patch.text("data", "a"));
        assertEquals(200, delete.code());
        ConfigMap after = client.configMaps().withName("dry-other").get();
        assertEquals("1", after.getData().get("a"));
    }

    @Test
    void dryRunStillValidates() {
        RawApi.Reply reply = raw.send("POST", "/api/v1/namespaces/default/configmaps?dryRun=All", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Not_Valid\"}}");
        assertEquals(422, reply.code());
    }
}
