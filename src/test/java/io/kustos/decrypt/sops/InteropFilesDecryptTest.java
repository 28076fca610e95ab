package io.kustos.decrypt.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file sops wrote in ../shared/interop/sops decrypts with the sops test key, MAC checked. */
class InteropFilesDecryptTest {
    private final SopsDecryptor decryptor = new SopsDecryptor(List.of(Interop.key()));

    private String decrypt(String file, SopsFormat format) {
        return new String(decryptor.decrypt(file, Interop.read(file), format), StandardCharsets.UTF_8);
    }

    @Test
    void exampleYamlHasItsKnownValuesTypesAndComments() throws Exception {
        String out = decrypt("example.yaml", SopsFormat.YAML);
        JsonNode y = new YAMLMapper().readTree(out);
        assertEquals("t00m4nys3cr3tzupdated", y.get("myapp1").asText());
        assertEquals("eve", y.at("/app2/db/user").asText());
        assertEquals("c4r1b0u", y.at("/app2/db/password").asText());
        assertTrue(y.at("/app2/key").asText().startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
        assertTrue(y.get("number").isDouble());
        assertEquals(1234568000.0, y.get("number").asDouble());
        assertEquals(List.of("secretuser1", "secretuser2"), List.of(y.at("/an_array/0").asText(), y.at("/an_array/1").asText()));
        assertTrue(y.at("/somebooleans/0").isBoolean() && y.at("/somebooleans/0").asBoolean());
        assertEquals("with something secret in it", y.at("/this/is/a/nested/value").asText());
        assertEquals("going to remain in clear text", y.at("/nested_unencrypted/this/is/all").asText());
        // comments: decrypted, in the mapping they were written in, keys in file order
        assertTrue(out.contains("        password: c4r1b0u\n        # private key for secret operations in app2\n    key: |"), out);
        assertTrue(out.contains("# sops supports unencrypted fields"));
        assertTrue(out.indexOf("myapp1") < out.indexOf("app2") && out.indexOf("number") < out.indexOf("an_array"));
        assertTrue(!out.contains("ENC[") && !out.contains("sops:"), out);
    }

    @Test
    void exampleJsonKeepsNumbersAndEmptyValues() throws Exception {
        JsonNode j = new ObjectMapper().readTree(decrypt("example.json", SopsFormat.JSON));
        assertEquals("John", j.get("firstName").asText());
        assertEquals(25.4, j.get("age").asDouble());
        assertEquals("212 555-1234", j.at("/phoneNumbers/0/number").asText());
        assertEquals("", j.get("anEmptyValue").asText());
        assertTrue(!j.has("sops"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "example.ini     | INI    | [name]\\nfirstName = John\\nlastName = Smith\\nage = 25.4",
            "example.ini     | INI    | ; An example file for use with sops!",
            "example.ini     | INI    | notsecret_unencrypted = hi there!",
            "example.txt     | BINARY | Welcome to SOPS!\\n\\nSOPS is a manager of encrypted files",
            "format.enc.yaml | YAML   | foo: bar",
            "format.enc.json | JSON   | \"foo\": \"bar\"",
            "format.enc.env  | DOTENV | foo = bar",
    })
    void decryptsWithMacChecked(String file, SopsFormat format, String expected) {
        String out = decrypt(file, format);
        assertTrue(out.contains(expected.replace("\\n", "\n")), out);
        assertTrue(!out.contains("ENC[") && !out.contains("sops_") && !out.contains("[sops]") && !out.contains("\"sops\""), out);
    }

    @Test
    void formatIsChosenByExtension() {
        assertEquals(SopsFormat.YAML, SopsFormat.forFile("a/b.yml"));
        assertEquals(SopsFormat.DOTENV, SopsFormat.forFile("x.env"));
        assertEquals(SopsFormat.BINARY, SopsFormat.forFile("example.txt"));
        assertEquals("foo: bar\n", new String(decryptor.decrypt("format.enc.yaml", Interop.read("format.enc.yaml"))));
    }

    @Test
    void aFileWithoutMacIsRefusedByDefault() {
        var e = assertThrows(SopsException.class, () -> decrypt("no_mac.yaml", SopsFormat.YAML));
        assertEquals(SopsException.Kind.MAC, e.errorKind());
        assertEquals("no_mac.yaml", e.file());
        assertEquals("sops.mac", e.keyPath());
        assertTrue(e.getMessage().startsWith("no_mac.yaml: mac error at sops.mac: the file has no MAC"), e.getMessage());
    }

    @Test
    void aFileWithoutMacDecryptsWhenExplicitlyAllowed() {
        var lenient = new SopsDecryptor(List.of(Interop.key()), true);
        String out = new String(lenient.decrypt("no_mac.yaml", Interop.read("no_mac.yaml")), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("myapp1: "), out);
        assertTrue(!out.contains("ENC["));
    }
}
