package io.kustos.decrypt.sops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decrypted numbers read as sops prints them. Vectors follow Go: the ciphertext and MAC form is
 * {@code strconv.FormatFloat(v, 'f', -1, 64)}; sops's YAML store hands floats to yaml.v3, which
 * writes {@code FormatFloat(v, 'g', -1, 64)}; its JSON store to encoding/json, which writes
 * {@code 'f'}, or {@code 'e'} below 1e-6 and from 1e21 on with {@code e-07} trimmed to {@code e-7}.
 */
class NumbersAreWrittenAsSopsWritesThemTest {

    @ParameterizedTest(name = "{0}: f={1} yaml={2} json={3}")
    @CsvSource(delimiter = '|', textBlock = """
            6.02e23                 | 602000000000000000000000 | 6.02e+23                | 6.02e+23
            -6.02e23                | -602000000000000000000000 | -6.02e+23              | -6.02e+23
            1e-7                    | 0.0000001                | 1e-07                   | 1e-7
            -1.5e-10                | -0.00000000015           | -1.5e-10                | -1.5e-10
            1e-6                    | 0.000001                 | 1e-06                   | 0.000001
            0.00001                 | 0.00001                  | 1e-05                   | 0.00001
            0.0001                  | 0.0001                   | 0.0001                  | 0.0001
            1234568000              | 1234568000               | 1.234568e+09            | 1234568000
            123456.789              | 123456.789               | 123456.789              | 123456.789
            100000                  | 100000                   | 100000                  | 100000
            1000000                 | 1000000                  | 1e+06                   | 1000000
            1e20                    | 100000000000000000000    | 1e+20                   | 100000000000000000000
            1e21                    | 1000000000000000000000   | 1e+21                   | 1e+21
            1e100                   | 1e100-plain              | 1e+100                  | 1e+100
            25.4                    | 25.4                     | 25.4                    | 25.4
            -3.25                   | -3.25                    | -3.25                   | -3.25
            0.1                     | 0.1                      | 0.1                     | 0.1
            0.30000000000000004     | 0.30000000000000004      | 0.30000000000000004     | 0.30000000000000004
            1                       | 1                        | 1                       | 1
            -2                      | -2                       | -2                      | -2
            0                       | 0                        | 0                       | 0
            -0.0                    | -0                       | -0                      | -0
            1.7976931348623157e308  | max-plain                | 1.7976931348623157e+308 | 1.7976931348623157e+308
            4.9e-324                | min-plain                | 5e-324                  | 5e-324
            2.2250738585072014e-308 | min-normal-plain         | 2.2250738585072014e-308 | 2.2250738585072014e-308
            9223372036854775808     | 9223372036854776000      | 9.223372036854776e+18   | 9223372036854776000
            """)
    void floatsAreFormattedAsGoFormatsThem(double v, String plain, String yaml, String json) {
        String expectedPlain = switch (plain) {
            case "1e100-plain" -> "1" + "0".repeat(100);
            case "max-plain" -> "17976931348623157" + "0".repeat(292);
            case "min-plain" -> "0." + "0".repeat(323) + "5";
            case "min-normal-plain" -> "0." + "0".repeat(307) + "22250738585072014";
            default -> plain;
        };
        assertEquals(expectedPlain, GoFloats.plain(v), "'f'");
        assertEquals(expectedPlain, PlainValues.formatFloat(v), "the ciphertext form");
        assertEquals(yaml, GoFloats.yaml(v), "yaml.v3");
        assertEquals(json, GoFloats.json(v), "encoding/json");
    }

    @Test
    void specialFloats() {
        assertEquals(".nan", GoFloats.yaml(Double.NaN));
        assertEquals(".inf", GoFloats.yaml(Double.POSITIVE_INFINITY));
        assertEquals("-.inf", GoFloats.yaml(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", GoFloats.plain(Double.NaN));
        assertEquals("+Inf", GoFloats.plain(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", GoFloats.plain(Double.NEGATIVE_INFINITY));
    }

    @Test
    void decryptedYamlAndJsonPrintNumbersAsSops() {
        String yaml = """
                avogadro: 6.02e23
                tiny: 1e-7
                negative: -2.5
                whole_float: 3.0
                count: 42
                below: -7
                list:
                    - 1234568000.0
                    - 0.5
                """;
        var keys = List.<io.kustos.decrypt.MasterKeyType>of(new FakeAgeKeys("age1test"));
        byte[] enc = new SopsEncryptor(keys).encrypt("n.yaml", yaml.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                new CreationRule(null, List.of(Map.of("age", List.of("age1test"))), 0, SelectionRules.DEFAULT));
        String encrypted = new String(enc, StandardCharsets.UTF_8);
        assertTrue(encrypted.contains(",type:float]") && encrypted.contains(",type:int]"), encrypted);
        var docs = new SopsDecryptor(keys).open("n.yaml", enc, SopsFormat.YAML).documents();

        assertEquals("""
                avogadro: 6.02e+23
                tiny: 1e-07
                negative: -2.5
                whole_float: 3
                count: 42
                below: -7
                list:
                    - 1.234568e+09
                    - 0.5
                """, new String(SopsFormat.YAML.writePlain(docs, "n.yaml"), StandardCharsets.UTF_8));
        assertEquals("""
                {
                \t"avogadro": 6.02e+23,
                \t"tiny": 1e-7,
                \t"negative": -2.5,
                \t"whole_float": 3,
                \t"count": 42,
                \t"below": -7,
                \t"list": [
                \t\t1234568000,
                \t\t0.5
                \t]
                }""", new String(SopsFormat.JSON.writePlain(docs, "n.yaml"), StandardCharsets.UTF_8).stripTrailing());
    }

    @Test
    void theSopsInteropFilesNumbersPrintAsSopsPrintsThem() {
        var decryptor = new SopsDecryptor(List.of(Interop.key()));
        String yaml = new String(decryptor.decrypt("example.yaml", Interop.read("example.yaml"), SopsFormat.YAML), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("\nnumber: 1.234568e+09\n"), yaml);
        String json = new String(decryptor.decrypt("example.json", Interop.read("example.json"), SopsFormat.JSON), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"age\": 25.4,"), json);
    }
}
