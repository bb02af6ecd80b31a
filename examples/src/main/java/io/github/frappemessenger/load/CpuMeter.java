package io.github.frappemessenger.load;

import java.lang.management.ManagementFactory;
import redis.clients.jedis.Jedis;

/**
 * CPU time spent per event while something runs: this JVM's (every thread: the emitter's caller and sender, GC,
 * JIT, and a subscriber drain when there is one) and Redis's own ({@code INFO cpu}: {@code used_cpu_sys} +
 * {@code used_cpu_user}, so it works for a remote Redis too). On a shared machine a run's rate depends on what else
 * runs; the CPU an event costs much less so, and it bounds the rate on a quiet one. Not thread-safe.
 */
final class CpuMeter {
    private final RedisAddress redis;
    private final long jvmStart;
    private final double redisStart;

    private CpuMeter(RedisAddress redis) {
        this.redis = redis;
        this.jvmStart = jvmNanos();
        this.redisStart = redisSeconds(redis);
    }

    /** Starts measuring now. */
    static CpuMeter start(RedisAddress redis) {
        return new CpuMeter(redis);
    }

    /** Nanoseconds of CPU per event since the start: this JVM's, and Redis's. */
    record PerEvent(double jvm, double redis) {
    }

    PerEvent per(long events) {
        return new PerEvent((jvmNanos() - jvmStart) / (double) events,
                (redisSeconds(redis) - redisStart) * 1e9 / events);
    }

    private static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double redisSeconds(RedisAddress redis) {
        try (Jedis jedis = redis.connect()) {
            double seconds = 0;
            for (String line : jedis.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return seconds;
        }
    }
}
