package io.github.frappemessenger.load;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, kept whole (no histogram): a run records at most a few hundred thousand, and a
 * sorted copy gives exact percentiles. Not thread-safe: each thread records its own and they are merged after.
 */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int count() {
        return size;
    }

    /** The nearest-rank percentile ({@code p} in 0..100) in milliseconds; NaN without samples. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
