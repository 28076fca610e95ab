package io.kustos.history;

import io.kustos.source.CommitInfo;

/**
 * The commit that last changed one key of a ConfigMap or Secret. Holds no value.
 *
 * @param change what that commit did to the key
 */
public record KeyBlame(String key, Change change, CommitInfo commit) {
    public enum Change { ADDED, CHANGED, REMOVED }
}
