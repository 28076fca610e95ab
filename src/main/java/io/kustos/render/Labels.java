package io.kustos.render;

/** The labels and annotations Kustos writes on what it manages (architecture.md). */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "kustos";
    public static final String ENVIRONMENT = "kustos.io/environment";
    public static final String REVISION = "kustos.io/revision";
    public static final String AUTHOR = "kustos.io/author";
    public static final String CONFIG_HASH = "kustos.io/config-hash";
    /** On a workload: the Jobs of its pre-deploy hooks that succeeded, newest last (their Jobs are deleted). */
    public static final String HOOKS_SUCCEEDED = "kustos.io/hooks-succeeded";
    public static final String RESERVED_PREFIX = "kustos.io/";

    private Labels() {
    }

    /** True for keys users may not set themselves in the repos. */
    public static boolean reserved(String key) {
        return key.startsWith(RESERVED_PREFIX) || key.equals(MANAGED_BY);
    }

    /** Annotations that change with every commit and so are not compared as content. */
    public static boolean bookkeeping(String key) {
        return key.equals(REVISION) || key.equals(AUTHOR);
    }
}
