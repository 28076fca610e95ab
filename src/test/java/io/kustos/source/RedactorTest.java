package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Secrets are removed from URLs, texts and exception chains. */
class RedactorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://user:pw@git.example.com/c.git      | https://user@git.example.com/c.git",
        "https://user@git.example.com/c.git         | https://user@git.example.com/c.git",
        "https://git.example.com/c.git              | https://git.example.com/c.git",
        "http://:token@127.0.0.1:8080/c.git         | http://@127.0.0.1:8080/c.git",
        "ssh://git@host:2222/c.git                  | ssh://git@host:2222/c.git",
        "git@github.com:org/c.git                   | git@github.com:org/c.git",
        "failed: https://u:p%40ss@h/c.git: 401      | failed: https://u@h/c.git: 401",
    })
    void urlLosesOnlyItsPassword(String in, String out) {
        assertEquals(out, Redactor.url(in));
    }

    @Test
    void knownSecretsAreMasked() {
        var redactor = new Redactor(List.of("s3cr3t-token"));
        assertEquals("auth with *** failed", redactor.text("auth with s3cr3t-token failed"));
    }

    @Test
    void causeChainIsCopiedWithoutSecrets() {
        var redactor = new Redactor(List.of("s3cr3t-token"));
        var original = new IOException("outer s3cr3t-token", new IllegalStateException("inner https://a:s3cr3t-token@h/x"));

        Throwable copy = redactor.chain(original);

        assertEquals("java.io.IOException: outer ***", copy.getMessage());
        assertEquals("java.lang.IllegalStateException: inner https://a@h/x", copy.getCause().getMessage());
        assertEquals(original.getStackTrace().length, copy.getStackTrace().length);
        SecretAssertions.assertNowhere("s3cr3t-token", copy);
        assertFalse(copy.toString().contains("s3cr3t"));
    }
}
