package io.kustos.decrypt.sops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which values each rule encrypts, written into the sops block and honoured on decryption. */
class SelectionRulesTest {
    private static final String PLAIN = """
            apiVersion: v1
            kind: Secret
            metadata:
                name: db
            # sops:enc
            stringData:
                DB_PASSWORD: s3cr3t
                plain_unencrypted: open
                token_enc: t0k3n
            """;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "unencrypted_suffix        ; _unencrypted          ; false ; apiVersion,kind,name,DB_PASSWORD,token_enc",
            "encrypted_regex           ; ^(data|stringData)$   ; false ; DB_PASSWORD,plain_unencrypted,token_enc",
            "unencrypted_regex         ; ^(apiVersion|kind|metadata)$ ; false ; DB_PASSWORD,plain_unencrypted,token_enc",
            "encrypted_suffix          ; _enc                  ; false ; token_enc",
            "encrypted_comment_regex   ; sops:enc              ; false ; DB_PASSWORD,plain_unencrypted,token_enc",
            "unencrypted_comment_regex ; sops:enc              ; false ; apiVersion,kind,name",
            "encrypted_regex           ; ^(data|stringData)$   ; true  ; DB_PASSWORD,plain_unencrypted,token_enc",
    })
    void encryptsExactlyTheSelectedValues(String field, String value, boolean macOnlyEncrypted, String encryptedKeys) {
        var rules = SelectionRules.of(Map.of(field, value), macOnlyEncrypted);
        var rule = new CreationRule(null, List.of(Map.of("age", List.of("a"))), 0, rules);
        byte[] enc = new SopsEncryptor(List.of(new FakeAgeKeys())).encrypt("s.yaml", PLAIN.getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML, rule);
        String text = new String(enc, StandardCharsets.UTF_8);
        List<String> encrypted = new ArrayList<>();
        text.lines().filter(l -> l.matches("\\s*[A-Za-z_]+: ENC\\[.*") && !l.strip().startsWith("mac:"))
                .forEach(l -> encrypted.add(l.strip().substring(0, l.strip().indexOf(':'))));
        assertEquals(List.of(encryptedKeys.split(",")), encrypted, text);
        assertEquals(true, text.contains("    " + field + ": ") && (macOnlyEncrypted == text.contains("mac_only_encrypted: true")), text);
        assertArrayEquals(PLAIN.getBytes(StandardCharsets.UTF_8), new SopsDecryptor(List.of(new FakeAgeKeys("a"))).decrypt("s.yaml", enc));
    }
}
