package io.kustos.testsupport;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An IT class that runs while no other IT class does (pom.xml, failsafe's {@code its-alone} execution): its cases
 * already run two at a time, or it keeps both cores busy (many Kustos JVMs, a benchmark scenario), or its daemons hold
 * Leases of a few seconds (leader election, sharding, a short write lock), which a busy machine could hand to another
 * replica, or it has git timeouts of a few seconds ({@code ConcurrentItsRunAloneTest} checks these three). Every other IT class runs in one of two JVMs side by side ({@code its-side-by-side}): each
 * has its own namespaces, temporary directories, ports, proxies and embedded clusters, so two of them do not meet.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {
    String TAG = "runs-alone";
}
