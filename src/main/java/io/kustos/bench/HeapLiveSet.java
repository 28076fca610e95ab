package io.kustos.bench;

import java.util.regex.Pattern;

/**
 * The bytes of the objects still reachable in a JVM's heap: the {@code Total} line of {@code jcmd <pid> GC.class_histogram},
 * which runs a full collection first and counts only live objects. Beside the resident memory it tells the heap's
 * own need from what the JVM keeps around it (free heap, metaspace, code, thread stacks).
 */
final class HeapLiveSet {
    private static final Pattern TOTAL = Pattern.compile("(?m)^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private HeapLiveSet() {
    }

    /** @return the live bytes the histogram totals */
    static long bytes(String classHistogram) {
        var m = TOTAL.matcher(classHistogram);
        if (!m.find()) {
            throw new IllegalStateException("no Total line in jcmd GC.class_histogram's output: "
                    + classHistogram.substring(0, Math.min(300, classHistogram.length())));
        }
        return Long.parseLong(m.group(2));
    }
}
