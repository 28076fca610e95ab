package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvalidObjectsAreRejectedTest extends SharedEmbeddedCluster {


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            upper-case ConfigMap name | /api/v1/namespaces/default/configmaps | {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}} | metadata.name | ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain
            ConfigMap data key with a space | /api/v1/namespaces/default/configmaps | {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok"},"data":{"bad key":"v"}} | data[bad key] | ConfigMap "ok" is invalid: data[bad key]: Invalid value: "bad key": a valid config key
            Secret data key with a slash | /api/v1/namespaces/default/secrets | {"apiVersion":"v1","kind":"Secret","metadata":{"name":"ok"},"data":{"a/b":"eA=="}} | data[a/b] | Secret "ok" is invalid: data[a/b]
            Secret name too long | /api/v1/namespaces/default/secrets | {"apiVersion":"v1","kind":"Secret","metadata":{"name":"LONG"}} | metadata.name | must be no more than 253 characters
            Secret of 1.1 MiB | /api/v1/namespaces/default/secrets | {"apiVersion":"v1","kind":"Secret","metadata":{"name":"big"},"data":{"K":"BASE64_OF_1100KIB"}} | data | data: Too long: must have at most 1048576 bytes
            Namespace with a dot | /api/v1/namespaces | {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a.b"}} | metadata.name | a lowercase RFC 1123 label must consist of
            label value with a colon | /api/v1/namespaces/default/configmaps | {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok","labels":{"rev":"a:b"}}} | metadata.labels | a valid label must be an empty string
            Deployment selector not matching | /apis/apps/v1/namespaces/default/deployments | {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"y"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}} | spec.template.metadata.labels | `selector` does not match template `labels`
            Job with restartPolicy Always | /apis/batch/v1/namespaces/default/jobs | {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"template":{"spec":{"restartPolicy":"Always","containers":[{"name":"c","image":"i"}]}}}} | spec.template.spec.restartPolicy | Unsupported value: "Always"
            """)
    void answers422InvalidWithTheFieldInTheCauses(String description, String path, String body, String field,
                                                    String messagePart) {
        String json = body.replace("LONG", "a".repeat(254)).replace("BASE64_OF_1100KIB", "A".repeat(1_100 * 1024 / 3 * 4));
        RawApi.Reply reply = raw.send("POST", path, "application/json", json);

        assertEquals(422, reply.code(), reply.body().toString());
        assertEquals("Status", reply.text("kind"));
        assertEquals("Invalid", reply.text("reason"));
        assertTrue(reply.text("message").contains(messagePart), reply.text("message"));
        boolean found = false;
        for (JsonNode cause : reply.body().path("details").path("causes")) {
            found |= cause.path("field").asText().equals(field);
        }
        assertTrue(found, reply.body().toString());
    }

    /** The API server counts a Secret's data decoded: 900 KiB is 1.2 MB of base64 and fits its 1 MiB. */
    @Test
    void aSecretOf900KiBIsAccepted() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"fits\"},\"data\":{\"K\":\""
                + "A".repeat(900 * 1024 / 3 * 4) + "\"}}";
        RawApi.Reply reply = raw.send("POST", "/api/v1/namespaces/default/secrets", "application/json", json);
        assertEquals(201, reply.code(), reply.text("message"));
    }
}
