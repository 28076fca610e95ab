package io.kustos.render;

import io.kustos.config.Target;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each environment's config files as its last render read them, by path and git blob id: a
 * commit that changes one file parses (and decrypts) that one file again, not every file of the
 * environment. Only files read without a problem are kept, so a broken file is read again and
 * reported again, naming itself. What a file renders to depends on the target and on what the
 * root .sops.yaml requires, so a change of either forgets the environment's files. Each render
 * keeps only the files it saw (a deleted file is forgotten); environments render concurrently,
 * each on its own entry.
 */
final class ParsedFiles {
    /** What one render of one environment reads through: the files kept, and the ones it read. */
    final class Session {
        private final String environment;
        private final Inputs inputs;
        private final Map<String, File> known;
        private final Map<String, File> seen = new HashMap<>();

        private Session(String environment, Inputs inputs, Map<String, File> known) {
            this.environment = environment;
            this.inputs = inputs;
            this.known = known;
        }

        /** The objects the file at {@code path} with {@code blobId} rendered to last time, or null. */
        List<ConfigManifestReader.Read> get(String path, String blobId) {
            File f = known.get(path);
            if (f == null || blobId == null || !f.blobId().equals(blobId)) {
                return null;
            }
            seen.put(path, f);
            return f.reads();
        }

        /** Keeps what a file read without a problem rendered to. */
        void put(String path, String blobId, List<ConfigManifestReader.Read> reads) {
            if (blobId != null) {
                seen.put(path, new File(blobId, List.copyOf(reads)));
            }
        }

        /** Ends the render: the environment keeps only the files it saw. */
        void close() {
            environments.put(environment, new Entry(inputs, Map.copyOf(seen)));
        }
    }

    private record File(String blobId, List<ConfigManifestReader.Read> reads) {
    }

    /** What every file's rendering depends on besides its bytes. */
    private record Inputs(Target target, String sopsRules) {
    }

    private record Entry(Inputs inputs, Map<String, File> files) {
    }

    private final Map<String, Entry> environments = new ConcurrentHashMap<>();

    /**
     * Starts a render of {@code target}'s files.
     *
     * @param sopsRules the blob id of the root .sops.yaml ({@code ""}: none)
     */
    Session open(Target target, String sopsRules) {
        var inputs = new Inputs(target, sopsRules);
        Entry e = environments.get(target.environment());
        return new Session(target.environment(), inputs, e != null && e.inputs().equals(inputs) ? e.files() : Map.of());
    }
}
