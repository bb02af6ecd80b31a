package io.github.frappemessenger.faults;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code faults}: {@code --quick} shrinks every scenario (fewer messages, shorter outages) into a smoke
 * of a minute or two; {@code --out FILE} also writes the figures as JSON; {@code --only NAME[,NAME]} runs some
 * scenarios. The bridges run with {@code CATCHUP_INTERVAL_S} = {@link #catchupSeconds()}, and the figures are taken
 * after that long again (and once nothing more arrives), so that a bridge which repairs what it missed has the
 * time to. Immutable.
 */
record FaultsOptions(boolean quick, Path out, String only, Path bridgeJar) {

    static FaultsOptions parse(String[] args) {
        boolean quick = false;
        Path out = null;
        String only = null;
        Path bridgeJar = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> only = value(args, ++i, "--only");
                case "--bridge-jar" -> bridgeJar = Path.of(value(args, ++i, "--bridge-jar"));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (bridgeJar != null && !java.nio.file.Files.isRegularFile(bridgeJar)) {
            throw new IllegalArgumentException("--bridge-jar " + bridgeJar + " is not a file");
        }
        return new FaultsOptions(quick, out, only, bridgeJar);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    boolean runs(String scenario) {
        return only == null || java.util.Arrays.asList(only.split(",")).contains(scenario);
    }

    /** Where the bridge processes load their classes from: another build's jar, or this one. */
    String bridgeClasspath() {
        return bridgeJar != null ? bridgeJar.toAbsolutePath().toString() : System.getProperty("java.class.path");
    }

    /** The bridges' catch-up interval; the harness waits this long again after the last webhook before counting. */
    int catchupSeconds() {
        return quick ? 3 : 5;
    }

    /** Scales a full run's count down for {@code --quick}. */
    int size(int full, int quickSize) {
        return quick ? quickSize : full;
    }

    long millis(long full, long quickMillis) {
        return quick ? quickMillis : full;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("only", only);
        m.put("bridge_jar", bridgeJar == null ? null : bridgeJar.toString());
        m.put("catchup_interval_s", catchupSeconds());
        return m;
    }
}
