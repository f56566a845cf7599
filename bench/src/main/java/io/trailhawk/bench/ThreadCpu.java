package io.trailhawk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** CPU time per thread in this JVM, to show which task of the job is the one that limits it. */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** CPU nanoseconds so far, by thread name (with its id, as names repeat). */
    static Map<String, Long> byTask() {
        Map<String, Long> out = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info != null && cpu >= 0) {
                out.put(info.getThreadName() + " #" + id, cpu);
            }
        }
        return out;
    }

    /** The {@code n} threads that used the most CPU between two readings, as shares of the wall time between. */
    static String busiest(Map<String, Long> before, Map<String, Long> after, long wallNanos, int n) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue()).reversed())
                .limit(n)
                .map(e -> String.format("%s %.0f%%", shortName(e.getKey()), 100.0 * e.getValue() / wallNanos))
                .collect(Collectors.joining(", "));
    }

    private static String shortName(String thread) {
        return thread.length() > 60 ? thread.substring(0, 60) + "..." : thread;
    }
}
