package io.kustos.source;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The signed payload of a commit is the commit object without its signature headers, byte for byte. */
class SignedCommitTest {
    private static final String HEAD = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
            + "parent 0000000000000000000000000000000000000001\n"
            + "author A <a@x> 1700000000 +0000\ncommitter A <a@x> 1700000000 +0000\n";
    private static final String SIG = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQ\n =ab\n -----END PGP SIGNATURE-----\n";
    private static final String MESSAGE = "\nsubject\n\ngpgsig not a header here\n continued\n";

    @Test
    void signatureHeaderIsCutOutAndUnfolded() {
        var c = SignedCommit.parse(bytes(HEAD + SIG + MESSAGE));
        assertEquals(HEAD + MESSAGE, new String(c.payload(), StandardCharsets.UTF_8));
        assertEquals("-----BEGIN PGP SIGNATURE-----\n\niQ\n=ab\n-----END PGP SIGNATURE-----", c.signature());
    }

    @Test
    void headersAfterTheSignatureStayInThePayload() {
        var c = SignedCommit.parse(bytes(HEAD + SIG + "encoding ISO-8859-1\n" + MESSAGE));
        assertEquals(HEAD + "encoding ISO-8859-1\n" + MESSAGE, new String(c.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void sha256SignatureHeaderIsAlsoLeftOutOfThePayload() {
        String sha256 = "gpgsig-sha256 -----BEGIN PGP SIGNATURE-----\n xx\n -----END PGP SIGNATURE-----\n";
        var c = SignedCommit.parse(bytes(HEAD + sha256 + SIG + MESSAGE));
        assertEquals(HEAD + MESSAGE, new String(c.payload(), StandardCharsets.UTF_8));
        assertEquals("-----BEGIN PGP SIGNATURE-----\n\niQ\n=ab\n-----END PGP SIGNATURE-----", c.signature());
    }

    @Test
    void anUnsignedCommitIsItsOwnPayload() {
        byte[] raw = bytes(HEAD + MESSAGE);
        var c = SignedCommit.parse(raw);
        assertArrayEquals(raw, c.payload());
        assertNull(c.signature());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
