package io.kustos.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.text.InputTooLargeException;
import io.kustos.text.StrictYamlFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads kustos.yaml once at start-up and checks all of it. Every problem found (unknown fields,
 * bad values, missing sources or targets) is reported together in one {@link ConfigException},
 * a line each, naming the file and the full path of the field.
 *
 * <p>Relative paths (kubeconfig, key files, cacheDir, credential files, local source URLs) are
 * resolved against the directory of kustos.yaml; cacheDir defaults to {@code .kustos-cache}
 * there. {@code SOPS_AGE_KEY_FILE} fills decryption.ageKeyFile when kustos.yaml leaves it out.
 */
public final class ConfigLoader {
    /** As for a file of the repos ({@link StrictYamlFactory#MAX_BYTES}): 5 MiB. */
    static final int MAX_BYTES = StrictYamlFactory.MAX_BYTES;

    private ConfigLoader() {
    }

    public static KustosConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static KustosConfig load(Path file, Map<String, String> env) {
        String name = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        return parse(read(absolute, name), absolute.getParent(), name, env);
    }

    public static KustosConfig parse(String yaml, Path baseDir, String fileNameForMessages) {
        return parse(yaml, baseDir, fileNameForMessages, System.getenv());
    }

    /**
     * @param baseDir             the directory of kustos.yaml, against which relative paths resolve
     * @param fileNameForMessages how the file is named at the start of each problem
     * @param env                 the environment ({@code SOPS_AGE_KEY_FILE})
     */
    public static KustosConfig parse(String yaml, Path baseDir, String fileNameForMessages, Map<String, String> env) {
        JsonNode tree = YamlMapping.read(yaml, fileNameForMessages);
        Problems problems = new Problems(fileNameForMessages);
        KustosConfig config = ConfigBinder.bind(ConfigNode.root(tree, problems, baseDir), env);
        problems.throwIfAny();
        return config;
    }

    private static String read(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw ConfigException.of(name, "is a directory, not a file");
            }
            byte[] bytes;
            try (var in = Files.newInputStream(file)) { // at most one byte past the limit, also from a pipe or a device
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw ConfigException.of(name, InputTooLargeException.overLimit(Files.isRegularFile(file) ? Files.size(file) : -1, MAX_BYTES));
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw ConfigException.of(name, name.equals(file.toString()) ? "no such file"
                    : "no such file (looked for " + file + ")", e);
        } catch (CharacterCodingException e) {
            throw ConfigException.of(name, "is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw ConfigException.of(name, "cannot read: " + e, e);
        }
    }
}
