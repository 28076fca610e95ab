package io.kustos.config;

/** The two repositories Kustos follows. */
public record Sources(SourceSpec config, SourceSpec releases) {
}
