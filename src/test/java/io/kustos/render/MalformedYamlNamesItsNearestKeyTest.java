package io.kustos.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A file that does not parse is reported where the parser stopped: its line and column, and the key
 * path of the nearest key enclosing that place when the parser was inside one (the key whose value
 * it was reading, else the key of the mapping or list it was in), so the problem reads
 * {@code file:line: key path: message} as every other problem does. At a document's top there is
 * no key to name. Where the scanner fails while reading ahead for the next key (an unclosed quoted
 * value), the parser is still in the mapping: its key is named.
 */
class MalformedYamlNamesItsNearestKeyTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        an unclosed flow list       | 'kind: ConfigMap\\ndata:\\n  A: x\\n  BROKEN: [one,\\n'          | 4 | 15 | data.BROKEN
        an unclosed flow mapping    | 'apiVersion: v1\\nmetadata: {name: a\\n'                          | 2 | 19 | metadata
        an unclosed quoted value    | 'kind: ConfigMap\\ndata:\\n  A: x\\n  B: "open\\n'                | 4 | 4  | data
        in the second document      | 'kind: ConfigMap\\n---\\nkind: ConfigMap\\ndata: [a,\\n'          | 4 | 9  | [1].data
        in a list item's mapping    | 'workloads:\\n  - name: api\\n    containers: {api: x\\n'        | 3 | 24 | workloads[0].containers
        at the top of the document  | 'kind: ConfigMap\\n: x\\n'                                        | 1 | 16 | ''
        """)
    void namesLineColumnAndNearestKey(String what, String yaml, int line, int column, String keys) {
        var e = assertThrows(YamlDocuments.MalformedYamlException.class,
                () -> YamlDocuments.read(yaml.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)), what);
        assertEquals(line, e.line(), what + ": " + e.getMessage());
        assertEquals(column, e.column(), what + ": " + e.getMessage());
        assertEquals(keys, e.at().toString(), what + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("malformed YAML at column " + column + ": "), e.getMessage());
    }
}
