package io.kustos.source;

import java.util.SortedMap;

/** The files of one commit of a source, as render reads them. */
public interface RepoSnapshot {
    /** Largest file Kustos reads (5 MiB, the YAML parser's limit too); a larger one has no content and render refuses it. */
    long MAX_FILE_BYTES = io.kustos.text.StrictYamlFactory.MAX_BYTES;

    Revision revision();

    CommitInfo head();

    /** Every file whose path starts with {@code prefix} (use "" for all), by path. */
    SortedMap<String, RepoFile> files(String prefix);
}
