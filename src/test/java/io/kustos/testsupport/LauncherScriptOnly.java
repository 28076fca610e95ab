package io.kustos.testsupport;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose subject is the {@code kustos} launcher script run with stand-in JDKs (no JVM starts), so the JDK
 * that runs the test does not take part: CI's pass on Java 25 ({@code .ci/run}) leaves it out, as it would only run the
 * same script the same way again. {@link LauncherScriptOnlyTest} keeps the mark on those classes only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(LauncherScriptOnly.TAG)
public @interface LauncherScriptOnly {
    String TAG = "launcher-script-only";
}
