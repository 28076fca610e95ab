package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class RendererTest {
    private final Renderer renderer = new Renderer(Decryptor.NONE);

    @Test
    void rendersConfigMapsSecretsAndWorkloadsIntoTheTargetNamespace() {
        var files = with("environments/staging/tungsten/secrets.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: tungsten-secrets, labels: {team: core}}
                stringData: {DATABASE_PASSWORD: s3cret}
                data: {API_TOKEN: dG9rZW4=}
                """);
        DesiredState s = renderer.render(config(files), releases(RELEASE), STAGING);

        assertEquals(2, s.configs().size());
        DesiredConfig cm = s.configs().get(0);
        assertEquals(ObjectKey.configMap("staging", "tungsten-config"), cm.key());
        assertEquals("info", cm.entries().get("LOG_LEVEL").text());
        assertEquals("kustos", cm.labels().get(Labels.MANAGED_BY));
        assertEquals("staging", cm.labels().get(Labels.ENVIRONMENT));
        DesiredConfig secret = s.configs().get(1);
        assertEquals("Opaque", secret.type());
        assertEquals("s3cret", new String(secret.entries().get("DATABASE_PASSWORD").bytes(), StandardCharsets.UTF_8));
        assertEquals("token", new String(secret.entries().get("API_TOKEN").bytes(), StandardCharsets.UTF_8));
        assertEquals("core", secret.labels().get("team"));
        assertEquals(Map.of("tungsten", "registry.example.com/karix/tungsten:2.3.1"), s.workloads().get(0).images());
        assertEquals("config=main@sha1:" + "1".repeat(40) + ";releases=main@sha1:" + "2".repeat(40),
                s.revisions().pair().annotation());
    }

    @Test
    void sameInputSameDigestAndAnyChangeMovesIt() {
        String a = renderer.render(config(with("x", "")), releases(RELEASE), STAGING).digest();
        String b = renderer.render(config(with("x", "")), releases(RELEASE), STAGING).digest();
        String c = renderer.render(config(Map.of("environments/staging/t/c.yaml", CONFIGMAP.replace("info", "debug"))),
                releases(RELEASE), STAGING).digest();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void multiDocumentFilesAndEmptyDocumentsAreRead() {
        var files = Map.of("environments/staging/common/all.yaml", "---\n" + CONFIGMAP + "---\n---\n"
                + CONFIGMAP.replace("tungsten-config", "common-config"));
        var s = renderer.render(config(files), releases(RELEASE), STAGING);
        assertEquals(2, s.configs().size());
    }

    @Test
    void problemsInSeveralFilesAreAllReported() {
        var files = with("environments/staging/a/bad.yaml", "kind: ConfigMap\napiVersion: v1\nmetadata: {name: Bad_Name}\n");
        files.put("environments/staging/b/worse.yaml", "data: [\n");
        var e = assertThrows(RenderException.class, () -> renderer.render(config(files), releases(RELEASE), STAGING));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/a/bad.yaml: metadata.name: \"Bad_Name\" must be a DNS-1123 subdomain"), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/b/worse.yaml:"), e.getMessage());
    }
}
