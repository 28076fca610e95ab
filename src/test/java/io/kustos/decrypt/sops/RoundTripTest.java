package io.kustos.decrypt.sops;

import io.kustos.decrypt.MasterKeyType;
import io.kustos.decrypt.pgp.PgpMasterKeys;
import io.kustos.decrypt.pgp.TestPgpKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encrypt → decrypt gives back every value, with its type, in every format, for pgp (RSA, Curve25519) and age-like keys. */
class RoundTripTest {
    static final String YAML = """
            # head comment
            str: hello world
            quoted: "123"
            int: 42
            float: 3.25
            bool: true
            bytes: !!binary AAEC/w==
            nested:
                list:
                    - one
                    - 2
                    # comment in a list
                    - k: v
                      n: 1.5
                empty: ""
                multiline: |
                    line 1
                    line 2
            clear_unencrypted: stays
            """;

    static List<MasterKeyType> keys(TestPgpKeys.Key key) {
        return List.of(PgpMasterKeys.fromKeyData(List.of(key.armoredSecret().getBytes(StandardCharsets.US_ASCII)),
                List.of("test key"), null), new FakeAgeKeys("age1test"));
    }

    static CreationRule rule(String fp, SelectionRules rules) {
        return new CreationRule(null, List.of(Map.of("pgp", List.of(fp), "age", List.of("age1test"))), 0, rules);
    }

    @ParameterizedTest
    @EnumSource(TestPgpKeys.Algorithm.class)
    void yamlValuesOfEveryTypeComeBack(TestPgpKeys.Algorithm alg) {
        var key = TestPgpKeys.generate(alg, null);
        var keys = keys(key);
        byte[] enc = new SopsEncryptor(keys).encrypt("s.yaml", YAML.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                rule(key.fingerprint(), SelectionRules.DEFAULT));
        String text = new String(enc, StandardCharsets.UTF_8);
        for (String type : List.of("str", "int", "float", "bool", "bytes", "comment")) {
            assertTrue(text.contains(",type:" + type + "]"), type + " in\n" + text);
        }
        assertFalse(text.contains("hello world") || text.contains("head comment"), text);
        assertTrue(text.contains("clear_unencrypted: stays") && text.contains("empty: \"\""), text);
        assertTrue(text.contains("    version: 3.9.0\n") && text.contains("    unencrypted_suffix: _unencrypted\n"), text);
        assertTrue(text.contains("    lastmodified: \"") && text.contains("    mac: ENC[AES256_GCM,data:"), text);
        Matcher iv = Pattern.compile(",iv:([^,]+),").matcher(text);
        while (iv.find()) {
            assertEquals(32, java.util.Base64.getDecoder().decode(iv.group(1)).length);
        }
        // each master key alone opens the file
        for (MasterKeyType k : keys) {
            var opened = new SopsDecryptor(List.of(k)).open("s.yaml", enc, SopsFormat.YAML);
            Branch doc = opened.documents().get(0);
            assertEquals("hello world", doc.get("str"));
            assertEquals("123", doc.get("quoted"));
            assertEquals(42L, doc.get("int"));
            assertEquals(3.25, doc.get("float"));
            assertEquals(Boolean.TRUE, doc.get("bool"));
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, (byte[]) doc.get("bytes"));
            assertEquals(new Comment(" head comment"), doc.entries().get(0).key());
            Branch nested = (Branch) doc.get("nested");
            List<?> list = (List<?>) nested.get("list");
            assertEquals(List.of("one", 2L), list.subList(0, 2));
            assertEquals(new Comment(" comment in a list"), list.get(2));
            assertEquals(1.5, ((Branch) list.get(3)).get("n"));
            assertEquals("line 1\nline 2\n", nested.get("multiline"));
        }
        String plain = new String(new SopsDecryptor(keys).decrypt("s.yaml", enc), StandardCharsets.UTF_8);
        assertEquals(YAML.replace("bytes: !!binary AAEC/w==", "bytes: !!binary AAEC/w=="), plain);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "s.json | {\\n\\t\"a\": \"x\",\\n\\t\"n\": 1,\\n\\t\"f\": 2.5,\\n\\t\"b\": false,\\n\\t\"l\": [\\n\\t\\t\"y\",\\n\\t\\tnull\\n\\t],\\n\\t\"o\": {\\n\\t\\t\"k\": \"v\"\\n\\t}\\n}\\n",
            "s.env  | # comment\\nDB_PASSWORD=s3cr3t\\nMULTI=a\\nb\\nEMPTY=\\n",
            "s.ini  | [db]\\nuser = admin\\n; key comment\\npassword = s3cr3t\\n\\n[other]\\nx = 1\\n",
            "s.txt  | any bytes at all\\n\\twith: structure that is not parsed\\n",
    })
    void everyFormatRoundTrips(String file, String plaintext) {
        String plain = plaintext.replace("\\n", "\n").replace("\\t", "\t");
        if (file.endsWith(".env")) {
            plain = plain.replace("MULTI=a\nb", "MULTI=a\\nb");
        }
        var key = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        var keys = keys(key);
        SopsFormat format = SopsFormat.forFile(file);
        byte[] enc = new SopsEncryptor(keys).encrypt(file, plain.getBytes(StandardCharsets.UTF_8), format,
                rule(key.fingerprint(), SelectionRules.DEFAULT));
        String text = new String(enc, StandardCharsets.UTF_8);
        assertFalse(text.contains("s3cr3t") || text.contains("any bytes"), text);
        assertEquals(plain, new String(new SopsDecryptor(keys).decrypt(file, enc), StandardCharsets.UTF_8));
    }

    @Test
    void multiDocumentYamlCarriesTheSopsBlockInEveryDocument() {
        var key = TestPgpKeys.generate(TestPgpKeys.Algorithm.CURVE25519, null);
        String plain = "a: one\n---\nb: two\n";
        byte[] enc = new SopsEncryptor(keys(key)).encrypt("m.yaml", plain.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                rule(key.fingerprint(), SelectionRules.DEFAULT));
        String text = new String(enc, StandardCharsets.UTF_8);
        assertEquals(2, text.split("\nsops:\n", -1).length - 1, text);
        assertEquals(plain, new String(new SopsDecryptor(keys(key)).decrypt("m.yaml", enc), StandardCharsets.UTF_8));
    }
}
