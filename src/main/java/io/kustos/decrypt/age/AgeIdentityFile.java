package io.kustos.decrypt.age;

import io.kustos.decrypt.DecryptionException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads age identity files as {@code age-keygen} writes them: one identity per line
 * ({@code AGE-SECRET-KEY-1…} for X25519, {@code AGE-SECRET-KEY-PQ-1…} for hybrid post-quantum),
 * lines starting with {@code #} and blank lines ignored, LF or CRLF, at least one identity.
 *
 * <p>Errors name the file and the line, never a key.
 */
public final class AgeIdentityFile {
    /** Far above any real key file; keeps a wrong path (a disk image, a log) from being read whole. */
    static final long MAX_SIZE = 1024 * 1024;

    private AgeIdentityFile() {
    }

    /**
     * @throws DecryptionException naming the file (and line) when it cannot be read or parsed
     */
    public static List<AgeIdentity> read(Path file) {
        String content;
        try {
            if (!Files.isRegularFile(file)) {
                throw new DecryptionException(file + ": age identity file " + (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? "is not a regular file" : "does not exist"));
            }
            if (Files.size(file) > MAX_SIZE) {
                throw new DecryptionException(file + ": age identity file is larger than " + MAX_SIZE + " bytes");
            }
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new DecryptionException(file + ": age identity file is not UTF-8 text");
        } catch (IOException e) {
            throw new DecryptionException(file + ": cannot read age identity file ("
                    + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), content);
    }

    /**
     * @param name how to name the file in messages
     * @throws DecryptionException naming {@code name} and the line
     */
    public static List<AgeIdentity> parse(String name, String content) {
        List<AgeIdentity> identities = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            identities.add(parseLine(line, name + ":" + (i + 1)));
        }
        if (identities.isEmpty()) {
            throw new DecryptionException(name + ": no age identity (AGE-SECRET-KEY-1…) in the file");
        }
        return List.copyOf(identities);
    }

    /**
     * One identity string.
     *
     * @param where the file and line, for messages
     */
    static AgeIdentity parseLine(String line, String where) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("AGE-PLUGIN-")) {
            throw new DecryptionException(where + ": age plugin identities are not supported");
        }
        if (!upper.startsWith("AGE-SECRET-KEY-")) {
            throw new DecryptionException(where + ": not an age identity (expected a line starting with "
                    + "AGE-SECRET-KEY-1, a # comment or a blank line)");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(line);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException(where + ": invalid age identity: " + e.getMessage());
        }
        try {
            return switch (decoded.hrp()) {
                case X25519Identity.HRP -> X25519Identity.fromBytes(decoded.data());
                case HybridIdentity.HRP -> HybridIdentity.fromBytes(decoded.data());
                default -> throw new DecryptionException(where + ": unsupported age identity type");
            };
        } catch (IllegalArgumentException e) {
            throw new DecryptionException(where + ": invalid age identity: " + e.getMessage());
        } finally {
            Arrays.fill(decoded.data(), (byte) 0);
        }
    }
}
