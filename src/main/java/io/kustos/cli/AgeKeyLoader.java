package io.kustos.cli;

import io.kustos.decrypt.MasterKeyType;

import java.nio.file.Path;
import java.util.List;

/**
 * Makes the {@code age} master key type from age identity files (several keys and comments per
 * file). With no files it can still wrap data keys for age recipients. Implemented by
 * {@code io.kustos.decrypt.age.AgeMasterKeys}; see {@link AgeSupport}.
 */
@FunctionalInterface
public interface AgeKeyLoader {
    MasterKeyType load(List<Path> identityFiles);
}
