package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** kubectl sends typed objects as Kubernetes protobuf; these are built by hand here. */
class ProtobufRequestsAreDecodedTest {

    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (number << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] field(int number, String value) {
        return field(number, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] number(int number, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, number << 3);
        varint(out, value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        return concat(new byte[] {0x6b, 0x38, 0x73, 0x00},
                field(1, concat(field(1, apiVersion), field(2, kind))), field(2, raw));
    }

    @Test
    void aConfigMapWithDataAndLabels() {
        byte[] meta = concat(field(1, "app-config"), field(2, ""), field(3, ""), number(7, 0),
                field(11, concat(field(1, "team"), field(2, "a"))));
        byte[] configMap = concat(field(1, meta), field(2, concat(field(1, "foo"), field(2, "bar"))));

        ObjectNode json = new ProtobufDecoder().decode(envelope("v1", "ConfigMap", configMap));

        assertEquals("v1", json.path("apiVersion").asText());
        assertEquals("ConfigMap", json.path("kind").asText());
        assertEquals("app-config", json.path("metadata").path("name").asText());
        assertFalse(json.path("metadata").has("generateName"), "empty strings are omitted");
        assertFalse(json.path("metadata").has("generation"), "zero non-pointer numbers are omitted");
        assertEquals("a", json.path("metadata").path("labels").path("team").asText());
        assertEquals("bar", json.path("data").path("foo").asText());
    }

    @Test
    void aDeploymentKeepsZeroReplicasAndReadsIntOrString() {
        byte[] container = concat(field(1, "app"), field(2, "app:1"));
        byte[] podSpec = field(2, container);
        byte[] template = concat(field(1, field(11, concat(field(1, "app"), field(2, "web")))), field(2, podSpec));
        byte[] rollingUpdate = field(1, concat(number(1, 1), field(3, "25%")));
        byte[] strategy = concat(field(1, "RollingUpdate"), field(2, rollingUpdate));
        byte[] spec = concat(number(1, 0), field(2, field(1, concat(field(1, "app"), field(2, "web")))),
                field(3, template), field(4, strategy));
        byte[] deployment = concat(field(1, field(1, "web")), field(2, spec));

        ObjectNode json = new ProtobufDecoder().decode(envelope("apps/v1", "Deployment", deployment));

        assertEquals(0, json.path("spec").path("replicas").asInt(-1));
        assertEquals("25%", json.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asText());
        assertEquals("app:1", json.path("spec").path("template").path("spec").path("containers").get(0)
                .path("image").asText());
    }

    @Test
    void anUnknownKindIsUnsupportedMediaType() {
        ApiError e = assertThrows(ApiError.class,
                () -> new ProtobufDecoder().decode(envelope("example.com/v1", "Widget", new byte[0])));
        assertEquals(415, e.code());
    }
}
