package io.kustos.bench;

/**
 * What GNU {@code /usr/bin/time -f "%M %U %S"} wrote for one process: its peak resident memory and its CPU time
 * (user + system). Either is null when the line is not there (no GNU time, or the command printed none).
 */
record GnuTime(Double peakRssMiB, Double cpuSeconds) {
    /** The format given to {@code /usr/bin/time -f}: peak RSS in KiB, user and system seconds. */
    static final String FORMAT = "%M %U %S";

    /** Reads the last line of GNU time's output file (a failing command's exit status comes on a line before it). */
    static GnuTime parse(String text) {
        String trimmed = text.trim();
        String[] f = trimmed.substring(trimmed.lastIndexOf('\n') + 1).trim().split("\\s+");
        Double rss = f.length >= 1 && f[0].matches("\\d+") ? Long.parseLong(f[0]) / 1024.0 : null;
        Double cpu = f.length >= 3 && f[1].matches("[\\d.]+") && f[2].matches("[\\d.]+") ? Double.parseDouble(f[1]) + Double.parseDouble(f[2]) : null;
        return new GnuTime(rss, cpu);
    }
}
