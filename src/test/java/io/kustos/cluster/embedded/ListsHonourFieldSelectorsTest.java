package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lists select by field as the real API server does: {@code kubectl describe} finds an object's
 * Events with {@code involvedObject.name/namespace/kind/uid}; an unsupported field label is a 400.
 */
class ListsHonourFieldSelectorsTest extends SharedEmbeddedCluster {

    private static Event event(String name, String object, String uid, String reason) {
        return new EventBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("ConfigMap").withNamespace("default")
                .withName(object).withUid(uid).endInvolvedObject()
                .withReason(reason).withMessage(reason + " " + object).withType("Normal").build();
    }

    /** The test's Events listed with {@code selector}, as kubectl sends it (URL-encoded, with a limit). */
    private static List<String> names(String selector) {
        var reply = raw.send("GET", "/api/v1/namespaces/default/events?fieldSelector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&limit=500", null, null);
        assertEquals(200, reply.code(), reply.body().toString());
        List<String> names = new ArrayList<>();
        reply.body().path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names.stream().filter(n -> n.startsWith("fs-")).sorted().toList();
    }

    @Test
    void eventsAreSelectedByTheirInvolvedObject() {
        client.v1().events().inNamespace("default").resource(event("fs-a", "history", "uid-1", "Applied")).create();
        client.v1().events().inNamespace("default").resource(event("fs-b", "history", "uid-0", "Applied")).create();
        client.v1().events().inNamespace("default").resource(event("fs-c", "other", "uid-2", "RolledBack")).create();

        assertEquals(List.of("fs-a"), names("involvedObject.name=history,involvedObject.namespace=default,"
                + "involvedObject.kind=ConfigMap,involvedObject.uid=uid-1"));
        assertEquals(List.of("fs-a", "fs-b"), names("involvedObject.name=history"));
        assertEquals(List.of("fs-a", "fs-b"), names("reason==Applied"));
        assertEquals(List.of("fs-c"), names("involvedObject.name!=history,type=Normal"));
        assertEquals(List.of("fs-b"), names("metadata.name=fs-b"));
        assertEquals(List.of("fs-a", "fs-b", "fs-c"), names(""));
        var listed = client.v1().events().inNamespace("default").withField("involvedObject.uid", "uid-2").list().getItems();
        assertEquals(List.of("fs-c"), listed.stream().map(e -> e.getMetadata().getName()).toList());
    }

    @Test
    void anUnsupportedFieldLabelIsABadRequest() {
        var reply = raw.send("GET", "/api/v1/namespaces/default/configmaps?fieldSelector=data.x%3Dy", null, null);
        assertEquals(400, reply.code());
        assertEquals("field label not supported: data.x", reply.text("message"));
    }

    @Test
    void secretsAreSelectedByType() {
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("fs-tls").endMetadata()
                .withType("kubernetes.io/tls").addToData("tls.crt", "eA==").addToData("tls.key", "eA==").build()).create();
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("fs-plain").endMetadata()
                .addToData("k", "eA==").build()).create();
        var tls = client.secrets().inNamespace("default").withField("type", "kubernetes.io/tls").list().getItems();
        assertEquals(List.of("fs-tls"), tls.stream().map(s -> s.getMetadata().getName()).filter(n -> n.startsWith("fs-")).toList());
    }
}
