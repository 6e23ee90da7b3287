package dev.qube.values;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import dev.qube.spi.ValueSetSizing;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Value sets whose texts all read as numbers of one {@link Kind}, stored as a union of arithmetic
 * runs {@code start, start+step, ..., start+(count-1)*step}: {@code 1/to/137} or
 * {@code 0/to/240/by/6} is one run, and so is every day of a year of dates ({@code yyyymmdd} and
 * ISO dates run in days, across month ends). The size is O(number of runs); membership is a
 * binary search over runs.
 *
 * <p>Runs are found greedily from the smallest value (each run takes the step to the next value
 * and as many values as keep it), so a set always has the same runs and the same bytes.
 * Payload: {@code int count | byte kind | int runs | runs x (long start, long step, int count)}.
 */
public final class RangesCodec implements ValueCodec {

    /** The stable name of this codec. */
    public static final String NAME = "ranges";
    private static final int HEADER = 9;
    private static final int RUN = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long encodedSize(List<String> values) {
        return encodedSize(new ValueSetSizing(values));
    }

    @Override
    public long encodedSize(ValueSetSizing set) {
        Kind k = bestKind(set);
        return k == null ? -1 : HEADER + (long) RUN * runs(Keys.of(set, k), null, 0);
    }

    private static Kind bestKind(ValueSetSizing set) {
        Kind best = null;
        int bestRuns = Integer.MAX_VALUE;
        for (Kind k : Kind.values()) {
            long[] keys = Keys.of(set, k);
            if (keys == null) {
                continue;
            }
            int r = runs(keys, null, 0);
            if (r < bestRuns) {
                best = k;
                bestRuns = r;
            }
        }
        return best;
    }

    /** Counts the runs of the ascending {@code keys}, and writes them at {@code at} when {@code out} is not null. */
    private static int runs(long[] keys, MemorySegment out, long at) {
        int runs = 0;
        long start = 0;
        long step = 0;
        long last = 0;
        int count = 0;
        for (long v : keys) {
            if (count == 1 && Keys.gap(start, v) > 0) {
                step = v - start;
                count = 2;
            } else if (count >= 2 && Keys.gap(last, v) == step) {
                count++;
            } else {
                if (count > 0) {
                    put(out, at, runs++, start, step, count);
                }
                start = v;
                step = 1;
                count = 1;
            }
            last = v;
        }
        put(out, at, runs++, start, step, count);
        return runs;
    }

    private static void put(MemorySegment out, long at, int run, long start, long step, int count) {
        if (out != null) {
            long p = at + (long) RUN * run;
            out.set(Keys.LONG, p, start);
            out.set(Keys.LONG, p + 8, step);
            out.set(Keys.INT, p + 16, count);
        }
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        encode(new ValueSetSizing(values), target, offset);
    }

    @Override
    public void encode(ValueSetSizing set, MemorySegment target, long offset) {
        Kind k = bestKind(set);
        if (k == null) {
            throw new IllegalArgumentException("not a set of integers, dates or times: " + set.values());
        }
        target.set(Keys.INT, offset, set.values().size());
        target.set(ValueLayout.JAVA_BYTE, offset + 4, (byte) k.ordinal());
        int r = runs(Keys.of(set, k), target, offset + HEADER);
        target.set(Keys.INT, offset + 5, r);
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return source.get(Keys.INT, offset);
    }

    private static Kind kind(MemorySegment s, long offset) {
        return Kind.of(s.get(ValueLayout.JAVA_BYTE, offset + 4));
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        Kind k = kind(source, offset);
        for (Cursor c = new Cursor(source, offset); !c.done(); c.advance()) {
            into.add(k.text(c.peek()));
        }
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        long v = kind(source, offset).key(value);
        if (v == Kind.NONE) {
            return false;
        }
        long runs = offset + HEADER;
        int lo = 0;
        int hi = source.get(Keys.INT, offset + 5) - 1;
        int found = -1;
        while (lo <= hi) { // the last run starting at or below v
            int mid = (lo + hi) >>> 1;
            if (source.get(Keys.LONG, runs + (long) RUN * mid) <= v) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return false;
        }
        long p = runs + (long) RUN * found;
        long d = v - source.get(Keys.LONG, p); // unsigned: v is at or above the start
        long step = source.get(Keys.LONG, p + 8);
        return Long.remainderUnsigned(d, step) == 0 && Long.compareUnsigned(Long.divideUnsigned(d, step), source.get(Keys.INT, p + 16)) < 0;
    }

    @Override
    public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        Kind k = kind(sa, offA);
        if (k != kind(sb, offB)) {
            return ValueCodec.super.partition(sa, offA, sb, offB);
        }
        return Keys.merge(k, new Cursor(sa, offA), new Cursor(sb, offB));
    }

    /** The values of a run list in ascending order. */
    private static final class Cursor implements Keys.Cursor {
        private final MemorySegment s;
        private final long runs;
        private final int nRuns;
        private int run;
        private long next;
        private long step;
        private int left;

        Cursor(MemorySegment s, long offset) {
            this.s = s;
            this.runs = offset + HEADER;
            this.nRuns = s.get(Keys.INT, offset + 5);
            load();
        }

        private void load() {
            if (run < nRuns) {
                long p = runs + (long) RUN * run;
                next = s.get(Keys.LONG, p);
                step = s.get(Keys.LONG, p + 8);
                left = s.get(Keys.INT, p + 16);
            }
        }

        @Override
        public boolean done() {
            return run >= nRuns;
        }

        @Override
        public long peek() {
            return next;
        }

        @Override
        public void advance() {
            if (--left > 0) {
                next += step;
            } else {
                run++;
                load();
            }
        }
    }
}
