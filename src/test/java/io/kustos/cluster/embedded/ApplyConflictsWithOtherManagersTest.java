package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplyConflictsWithOtherManagersTest extends SharedEmbeddedCluster {


    private static ConfigMap cm(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withData(data).build();
    }

    private static void createAsKubectl(String name, String json) {
        RawApi.Reply r = raw.send("POST", "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create",
                "application/json", json.replace("NAME", name));
        assertEquals(201, r.code(), r.body().toString());
    }

    @Test
    void changingAFieldAnotherManagerSetIsA409WithTheRealServersMessage() {
        createAsKubectl("conflict", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"NAME\"},"
                + "\"data\":{\"foo\":\"bar\"}}");

        RawApi.Reply reply = raw.apply("/api/v1/namespaces/default/configmaps/conflict", "kustos", false,
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conflict\ndata:\n  foo: changed\n");

        assertEquals(409, reply.code());
        assertEquals("Status", reply.text("kind"));
        assertEquals("Conflict", reply.text("reason"));
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .data.foo",
                reply.text("message"));
        assertEquals(".data.foo", reply.body().path("details").path("causes").get(0).path("field").asText());
        assertEquals("FieldManagerConflict",
                reply.body().path("details").path("causes").get(0).path("reason").asText());
        assertEquals("bar", client.configMaps().withName("conflict").get().getData().get("foo"));
    }

    @Test
    void severalConflictsAreListedPerManager() {
        createAsKubectl("conflicts", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"NAME\"},"
                + "\"data\":{\"a\":\"1\",\"b\":\"2\"}}");

        KubernetesClientException e = assertThrows(KubernetesClientException.class, () ->
                client.resource(cm("conflicts", Map.of("a", "x", "b", "y"))).fieldManager("kustos").serverSideApply());

        assertEquals(409, e.getCode());
        assertEquals("Apply failed with 2 conflicts: conflicts with \"kubectl-create\" using v1:\n- .data.a\n- .data.b",
                e.getStatus().getMessage());
        assertEquals(List.of(".data.a", ".data.b"),
                e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).toList());
    }

    @Test
    void applyingTheSameValueIsNoConflictAndSharesTheField() {
        createAsKubectl("same", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"NAME\"},"
                + "\"data\":{\"foo\":\"bar\"}}");
        ConfigMap live = client.resource(cm("same", Map.of("foo", "bar"))).fieldManager("kustos").serverSideApply();
        assertEquals(List.of("kubectl-create", "kustos"),
                live.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList());
    }

    @Test
    void forceMovesTheFieldToTheApplier() {
        createAsKubectl("forced", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"NAME\"},"
                + "\"data\":{\"foo\":\"bar\",\"other\":\"x\"}}");

        ConfigMap live = client.resource(cm("forced", Map.of("foo", "mine"))).fieldManager("kustos")
                .forceConflicts().serverSideApply();

        assertEquals("mine", live.getData().get("foo"));
        ManagedFieldsEntry kubectl = live.getMetadata().getManagedFields().stream()
                .filter(m -> m.getManager().equals("kubectl-create")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) kubectl.getFieldsV1().getAdditionalProperties().get("f:data");
        assertTrue(data.containsKey("f:other"), data.toString());
        assertTrue(!data.containsKey("f:foo"), data.toString());
    }

    @Test
    void applyWithoutAFieldManagerIsRejectedLikeTheRealServer() {
        RawApi.Reply reply = raw.send("PATCH", "/api/v1/namespaces/default/configmaps/nomanager",
                "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nomanager\n");
        assertEquals(422, reply.code());
        assertEquals("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for "
                + "apply patch", reply.text("message"));
    }
}
