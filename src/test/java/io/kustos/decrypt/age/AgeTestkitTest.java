package io.kustos.decrypt.age;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every vector of the age testkit (../shared/interop/age-testkit, C2SP CCTV): a file that should
 * open does, to the expected payload; every other fails with the kind the vector names, and a
 * payload failure releases only the chunks that authenticated.
 */
class AgeTestkitTest {
    static final Path TESTKIT = io.kustos.testsupport.SharedDir.resolve("interop", "age-testkit");
    private static final Map<String, AgeFailure> KINDS = Map.of(
            "header failure", AgeFailure.HEADER,
            "HMAC failure", AgeFailure.HMAC,
            "payload failure", AgeFailure.PAYLOAD,
            "armor failure", AgeFailure.ARMOR,
            "no match", AgeFailure.NO_MATCH);

    static Stream<String> vectors() throws IOException {
        if (!Files.isDirectory(TESTKIT)) {
            return Stream.of("(testkit missing)");
        }
        try (Stream<Path> files = Files.list(TESTKIT)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("README.md") && !n.equals("LICENSE") && !n.startsWith("."))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector(String name) throws Exception {
        assumeTrue(Files.isDirectory(TESTKIT), "the age testkit is not at " + TESTKIT.toAbsolutePath().normalize()
                + " (clone the shared repo beside this one, or set KUSTOS_SHARED)");
        TestkitVector v = TestkitVector.read(TESTKIT.resolve(name));
        List<AgeIdentity> identities = new ArrayList<>();
        for (String identity : v.identities()) {
            identities.add(AgeIdentityFile.parseLine(identity, name));
        }
        v.passphrases().forEach(p -> identities.add(new PassphraseIdentity(p)));
        ByteArrayOutputStream released = new ByteArrayOutputStream();

        if (v.expect().equals("success")) {
            decrypt(v, identities, released);
            assertEquals(v.payloadSha256(), sha256(released.toByteArray()), "payload hash");
            return;
        }
        AgeFailure expected = KINDS.get(v.expect());
        AgeException e = assertThrows(AgeException.class, () -> decrypt(v, identities, released));
        assertEquals(expected, e.failure(), () -> "failure kind; message: " + e.getMessage());
        if (expected == AgeFailure.PAYLOAD && v.payloadSha256() != null) {
            assertEquals(v.payloadSha256(), sha256(released.toByteArray()), "hash of the payload released before the failure");
        }
    }

    private static void decrypt(TestkitVector v, List<AgeIdentity> identities, ByteArrayOutputStream out) {
        byte[] file = v.armored() ? AgeArmor.decode(v.file()) : v.file();
        new AgeDecrypter(identities).decrypt(file, out);
    }

    static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
