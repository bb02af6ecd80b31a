package io.github.frappemessenger.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * The machine the figures come from: cores, CPU model, Java, Redis, and the load average when the run started
 * (the cores may be shared with other work, which every figure should be read against). Immutable.
 */
public record Machine(int cores, String cpuModel, String java, String os, Optional<String> redisVersion, String loadAverage) {

    /** Describes this machine; {@code redisVersion} is empty when Redis does not answer at {@code redis}. */
    public static Machine describe(RedisAddress redis) {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                readRedisVersion(redis), readLoadAverage());
    }

    public String summary() {
        return cores + " cores (" + cpuModel + "), " + java + ", Redis " + redisVersion.orElse("unreachable")
                + ", " + os + ", load average at start " + loadAverage;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", cores);
        m.put("cpu_model", cpuModel);
        m.put("java", java);
        m.put("os", os);
        m.put("redis", redisVersion.orElse(null));
        m.put("load_average_at_start", loadAverage);
        return m;
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "unknown CPU";
    }

    private static Optional<String> readRedisVersion(RedisAddress redis) {
        try (Jedis jedis = redis.connect()) {
            for (String line : jedis.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return Optional.of(line.substring("redis_version:".length()).strip());
                }
            }
            return Optional.of("unknown version");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    private static String readLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
