package io.kustos.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** Each provider's proof of the shared secret: the right one passes, everything else is refused. */
class WebhookProviderTest {
    private static final byte[] SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    /** GitHub's documented example: this secret and payload give this signature. */
    @ParameterizedTest
    @CsvSource({
            "github,  X-Hub-Signature-256, sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "gitea,   X-Gitea-Signature,   757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "generic, X-Kustos-Signature,  SHA256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17",
            "gitlab,  X-Gitlab-Token,      It's a Secret to Everybody"})
    void theRightProofIsAccepted(String provider, String header, String value) {
        assertTrue(WebhookProvider.of(provider).verify(headers(header, value), BODY, SECRET));
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void wrongMissingOrMalformedProofsAreRefused(WebhookProvider p) {
        String good = p.sign(BODY, SECRET);
        assertTrue(p.verify(headers(p.header(), good), BODY, SECRET), "own signature");
        assertFalse(p.verify(headers(), BODY, SECRET), "no header");
        if (p != WebhookProvider.GITLAB) { // GitLab sends the token itself: it does not cover the body
            assertFalse(p.verify(headers(p.header(), good), "Hello, World?".getBytes(StandardCharsets.UTF_8), SECRET), "changed body");
        }
        assertFalse(p.verify(headers(p.header(), good), BODY, "another secret".getBytes(StandardCharsets.UTF_8)), "other secret");
        assertFalse(p.verify(headers(p.header(), good), BODY, new byte[0]), "no secret configured: refuse all");
        assertFalse(p.verify(headers(p.header(), "sha256=zz"), BODY, SECRET), "not hex");
        assertFalse(p.verify(headers(p.header(), ""), BODY, SECRET), "empty");
    }

    @ParameterizedTest
    @CsvSource({"github", "GitLab", "gitea", "generic"})
    void providersAreFoundByPath(String path) {
        assertNotNull(WebhookProvider.of(path));
    }

    private static UnaryOperator<String> headers(String... nameValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map::get;
    }
}
