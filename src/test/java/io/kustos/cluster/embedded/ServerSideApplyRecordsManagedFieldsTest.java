package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerSideApplyRecordsManagedFieldsTest extends SharedEmbeddedCluster {


    private static ConfigMap cm(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withData(data).build();
    }

    @Test
    void applyCreatesTheObjectWithAnApplyEntryForTheManager() {
        ConfigMap applied = client.resource(cm("created-by-apply", Map.of("a", "1"))).fieldManager("kustos")
                .serverSideApply();

        assertEquals("1", applied.getData().get("a"));
        assertNotNull(applied.getMetadata().getUid());
        assertNotNull(applied.getMetadata().getCreationTimestamp());
        List<ManagedFieldsEntry> entries = applied.getMetadata().getManagedFields();
        assertEquals(1, entries.size());
        ManagedFieldsEntry entry = entries.get(0);
        assertEquals("kustos", entry.getManager());
        assertEquals("Apply", entry.getOperation());
        assertEquals("v1", entry.getApiVersion());
        assertEquals("FieldsV1", entry.getFieldsType());
        assertNotNull(entry.getTime());
        assertEquals(Map.of("f:data", Map.of("f:a", Map.of())),
                entry.getFieldsV1().getAdditionalProperties());
    }

    @Test
    void applyMergesIntoTheLiveObjectAndKeepsOtherManagersFields() {
        client.resource(cm("merged", Map.of("mine", "1"))).fieldManager("kustos").serverSideApply();
        client.resource(cm("merged", Map.of("theirs", "2"))).fieldManager("other").serverSideApply();

        ConfigMap live = client.configMaps().withName("merged").get();
        assertEquals(Map.of("mine", "1", "theirs", "2"), live.getData());
        assertEquals(List.of("kustos", "other"),
                live.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList());
    }

    @Test
    void aFieldTheManagerNoLongerAppliesIsRemovedUnlessAnotherManagerOwnsIt() {
        client.resource(new ConfigMapBuilder(cm("labels", Map.of("k", "v"))).editMetadata()
                .addToLabels("dropped", "x").addToLabels("shared", "y").addToLabels("kept", "z").endMetadata()
                .build()).fieldManager("kustos").serverSideApply();
        client.resource(new ConfigMapBuilder(cm("labels", Map.of())).editMetadata()
                .addToLabels("shared", "y").endMetadata().withData(null).build())
                .fieldManager("other").serverSideApply();

        ConfigMap live = client.resource(new ConfigMapBuilder(cm("labels", Map.of("k", "v"))).editMetadata()
                .addToLabels("kept", "z").endMetadata().build()).fieldManager("kustos").serverSideApply();

        assertEquals(Map.of("shared", "y", "kept", "z"), live.getMetadata().getLabels());
    }

    @Test
    void applyingTheSameConfigurationTwiceChangesNothing() {
        ConfigMap first = client.resource(cm("idempotent", Map.of("a", "1"))).fieldManager("kustos")
                .serverSideApply();
        ConfigMap second = client.resource(cm("idempotent", Map.of("a", "1"))).fieldManager("kustos")
                .serverSideApply();
        assertEquals(first.getMetadata().getResourceVersion(), second.getMetadata().getResourceVersion());
    }

    @Test
    void anUpdateRecordsAnUpdateEntryForItsFieldManager() {
        client.configMaps().resource(cm("updated", Map.of("a", "1"))).create();
        ConfigMap live = client.configMaps().withName("updated").edit(c -> {
            c.getData().put("b", "2");
            return c;
        });
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        assertTrue(entries.stream().allMatch(e -> e.getOperation().equals("Update")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.getManager().equals("fabric8-kubernetes-client")),
                entries.toString());
    }
}
