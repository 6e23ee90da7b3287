package dev.qube.values;

import dev.qube.spi.Partition;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Shared pieces of the key-based codecs: reading ascending keys and partitioning by a merge. */
final class Keys {
    private Keys() {
    }

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    /** Ascending keys, read one at a time without allocating. */
    interface Cursor {
        boolean done();

        long peek();

        void advance();
    }

    /**
     * The three-way partition of two ascending key sequences of one kind, in one merge pass; only
     * the texts of the output are allocated.
     */
    static Partition merge(Kind kind, Cursor a, Cursor b) {
        List<String> onlyA = new ArrayList<>();
        List<String> both = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        while (!a.done() && !b.done()) {
            long x = a.peek();
            long y = b.peek();
            if (x < y) {
                onlyA.add(kind.text(x));
                a.advance();
            } else if (x > y) {
                onlyB.add(kind.text(y));
                b.advance();
            } else {
                both.add(kind.text(x));
                a.advance();
                b.advance();
            }
        }
        for (; !a.done(); a.advance()) {
            onlyA.add(kind.text(a.peek()));
        }
        for (; !b.done(); b.advance()) {
            onlyB.add(kind.text(b.peek()));
        }
        return new Partition(onlyA, both, onlyB);
    }

    /**
     * The keys of the sized set's values read as {@code kind}, ascending, or null when a value is
     * not of the kind: read once per set and kind, and shared by every codec of this module that
     * sizes or encodes the set (the kind itself is the key of the shared entry). Integers come from
     * {@link dev.qube.spi.ValueSetSizing#integers()} (which the engine fills while it sorts the
     * values) and dates {@code yyyymmdd} and times {@code hhmm} of a set of integers from those
     * numbers, so the texts are read at most once.
     */
    static long[] of(dev.qube.spi.ValueSetSizing set, Kind kind) {
        return set.shared(kind, values -> read(set, kind, values));
    }

    private static long[] read(dev.qube.spi.ValueSetSizing set, Kind kind, List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        switch (kind) {
            case INTEGER -> {
                long[] ints = set.integers();
                return ints != null ? ints : read(kind, values); // texts of 19 digits are read here
            }
            case YYYYMMDD -> {
                // every yyyymmdd text is a canonical integer of 8 digits
                long[] ints = of(set, Kind.INTEGER);
                return ints == null ? null : fromIntegers(kind, ints);
            }
            case HHMM -> {
                // hhmm texts that are canonical integers are 1000-2359; others ("0600") are not integers
                long[] ints = of(set, Kind.INTEGER);
                return ints == null ? read(kind, values) : fromIntegers(kind, ints);
            }
            default -> {
                return read(kind, values);
            }
        }
    }

    /** The keys of {@code kind} of texts that are the canonical integers {@code ints}, or null. */
    private static long[] fromIntegers(Kind kind, long[] ints) {
        long[] out = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
            long v = kind.keyOfInteger(ints[i]);
            if (v == Kind.NONE || i > 0 && v <= out[i - 1]) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    private static long[] read(Kind kind, List<String> values) {
        int n = values.size();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long v = kind.key(values.get(i));
            if (v == Kind.NONE || i > 0 && v <= out[i - 1]) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    /** {@code b - a} when it fits in a positive long ({@code a < b}), else -1. */
    static long gap(long a, long b) {
        long d = b - a;
        return d > 0 && ((a ^ b) >= 0 || (b ^ d) >= 0) ? d : -1;
    }

    /** Bytes needed for the unsigned number {@code v} (0 for 0). */
    static int bytesFor(long v) {
        return (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
    }

    /** Reads an unsigned little-endian number of {@code width} bytes. */
    static long readUnsigned(MemorySegment s, long at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (s.get(ValueLayout.JAVA_BYTE, at + i) & 0xffL);
        }
        return v;
    }

    /** Writes the low {@code width} bytes of {@code v}, little-endian. */
    static void writeUnsigned(MemorySegment s, long at, int width, long v) {
        for (int i = 0; i < width; i++) {
            s.set(ValueLayout.JAVA_BYTE, at + i, (byte) (v >>> (8 * i)));
        }
    }
}
