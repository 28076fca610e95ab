package io.kustos.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Kustos's main classes as ArchUnit reads them (no test classes, no jars), imported once per test JVM: reading them
 * costs seconds of CPU, and the structure tests (LayeringTest, KindListCoversEveryKindKustosUsesTest) each read them.
 */
public final class MainClasses {
    private MainClasses() {
    }

    public static JavaClasses get() {
        return Holder.CLASSES;
    }

    private static final class Holder {
        static final JavaClasses CLASSES = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.kustos");
    }
}
