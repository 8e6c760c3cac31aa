package io.ecomlog.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread over a measured window, including threads that start and end inside it (the client's own):
 * a daemon reads every live thread's CPU time every 50 ms and keeps the last reading of each, so a thread that ends
 * between two readings loses at most those 50 ms. What the JVM spends outside Java threads (GC, JIT compilers) is
 * the process's CPU time less the sum.
 */
final class ThreadCpu {

    private static final long PERIOD_MILLIS = 50;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> first = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    ThreadCpu() {
        sample(true);
        sampler = new Thread(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "thread-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample(boolean atStart) {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            var info = threads.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            names.putIfAbsent(id, group(info.getThreadName()));
            if (atStart) {
                first.put(id, cpu);
            }
            last.put(id, cpu);
        }
    }

    /** A thread's name without its pool number, so that a pool's threads add up ("counting-endpoint-2"). */
    static String group(String threadName) {
        return threadName.replaceAll("[-#]?\\d+$", "");
    }

    /** Stops sampling and returns the CPU seconds of each thread name (numbered pool threads summed), most first. */
    Map<String, Double> secondsByThread() {
        stopped = true;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample(false);
        var byName = new TreeMap<String, Double>();
        synchronized (this) {
            last.forEach((id, cpu) -> byName.merge(names.get(id), (cpu - first.getOrDefault(id, 0L)) / 1e9,
                    Double::sum));
        }
        byName.remove("thread-cpu-sampler");
        var sorted = new LinkedHashMap<String, Double>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
