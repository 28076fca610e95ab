package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretStringDataIsFoldedIntoDataTest extends SharedEmbeddedCluster {


    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createStoresStringDataAsBase64DataAndDefaultsTheType() {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("created").endMetadata()
                .withStringData(Map.of("password", "hunter2")).withData(Map.of("other", b64("x"))).build()).create();

        Secret live = client.secrets().withName("created").get();
        assertEquals(Map.of("password", b64("hunter2"), "other", b64("x")), live.getData());
        assertFalse(new RawApi(cluster).get("/api/v1/namespaces/default/secrets/created").body().has("stringData"));
        assertEquals("Opaque", live.getType());
    }

    @Test
    void stringDataWinsOverDataOnUpdate() {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("updated").endMetadata()
                .withData(Map.of("k", b64("old"))).build()).create();
        Secret live = client.secrets().withName("updated").edit(s -> {
            s.setStringData(Map.of("k", "new"));
            return s;
        });
        assertEquals(b64("new"), live.getData().get("k"));
        assertTrue(live.getStringData() == null || live.getStringData().isEmpty());
    }

    @Test
    void applyFoldsStringDataToo() {
        Secret live = client.resource(new SecretBuilder().withNewMetadata().withName("applied")
                .withNamespace("default").endMetadata().withStringData(Map.of("token", "abc")).build())
                .fieldManager("kustos").serverSideApply();
        assertEquals(b64("abc"), live.getData().get("token"));
        assertFalse(new RawApi(cluster).get("/api/v1/namespaces/default/secrets/applied").body().has("stringData"));
    }
}
