package io.kustos.bench;

/** What {@code /proc/<pid>/stat} says of a process's CPU time. */
final class ProcStat {
    /** Clock ticks per second of utime and stime: {@code getconf CLK_TCK}, 100 on Linux. */
    static final int TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** User + system CPU time in ms. The fields after the command name (which may hold spaces) are counted from its closing parenthesis. */
    static double cpuMillis(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after ")": state(3) ppid(4) ... utime is field 14, stime field 15 of the whole line: indexes 11 and 12 here
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }
}
