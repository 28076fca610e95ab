package io.kustos.source;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A snapshot held in memory: for tests, and for trees already read out of git. */
public final class MemorySnapshot implements RepoSnapshot {
    private final Revision revision;
    private final CommitInfo head;
    private final TreeMap<String, RepoFile> files;

    public MemorySnapshot(Revision revision, CommitInfo head, Map<String, RepoFile> files) {
        this.revision = revision;
        this.head = head;
        this.files = new TreeMap<>(files);
    }

    /** Regular files from text contents, for tests. */
    public static MemorySnapshot ofText(Revision revision, CommitInfo head, Map<String, String> texts) {
        var files = new TreeMap<String, RepoFile>();
        texts.forEach((path, text) -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            files.put(path, new RepoFile(path, RepoFile.Type.REGULAR, bytes.length, bytes));
        });
        return new MemorySnapshot(revision, head, files);
    }

    @Override
    public Revision revision() {
        return revision;
    }

    @Override
    public CommitInfo head() {
        return head;
    }

    @Override
    public SortedMap<String, RepoFile> files(String prefix) {
        if (prefix.isEmpty()) {
            return Collections.unmodifiableSortedMap(files);
        }
        return Collections.unmodifiableSortedMap(files.subMap(prefix, prefix + Character.MAX_VALUE));
    }
}
