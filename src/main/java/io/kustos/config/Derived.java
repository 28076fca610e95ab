package io.kustos.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of a configuration record that Kustos derives (from the environment, say) rather than
 * reads from kustos.yaml: not a field a user may write, so not among the known fields.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Derived {
}
