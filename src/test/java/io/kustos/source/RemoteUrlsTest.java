package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which URL forms are ssh (and so get the ssh key and host key handling). */
class RemoteUrlsTest {
    @ParameterizedTest
    @CsvSource({
        "ssh://git@git.example.com/platform/config.git, true",
        "ssh://git.example.com:2222/platform/config.git, true",
        "git+ssh://git@git.example.com/config.git, true",
        "git@github.com:platform/config.git, true",
        "github.com:platform/config.git, true",
        "https://git.example.com/platform/config.git, false",
        "http://127.0.0.1:8080/config.git, false",
        "file:///srv/git/config.git, false",
        "/srv/git/config.git, false",
        "../repos/config.git, false",
    })
    void sshOrNot(String url, boolean ssh) {
        assertEquals(ssh, RemoteUrls.isSsh(url), url);
    }
}
