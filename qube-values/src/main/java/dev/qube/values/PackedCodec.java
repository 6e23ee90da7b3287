package dev.qube.values;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Value sets whose texts all read as numbers of one {@link Kind} (canonical integers such as
 * {@code 167}, dates {@code 20240101} or {@code 2024-01-01}, times {@code 0600} or
 * {@code 06:00:00}, date-times), stored as sorted numbers: frame of reference, each value the
 * fewest whole bytes above the smallest. Membership is a binary search and the partition of two
 * sets of one kind is a merge on numbers.
 *
 * <p>Payload: {@code int count | byte kind | byte width | long base | count x width bytes}
 * (unsigned little-endian offsets from {@code base}, ascending).
 */
public final class PackedCodec implements ValueCodec {

    /** The stable name of this codec. */
    public static final String NAME = "packed";
    private static final int HEADER = 14;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long encodedSize(List<String> values) {
        if (values.isEmpty()) {
            return -1;
        }
        Kind best = bestKind(values);
        return best == null ? -1 : size(values.size(), width(best, values));
    }

    private static long size(int n, int width) {
        return HEADER + (long) n * width;
    }

    /** The kind giving the smallest payload (ties: the first kind), or null if none reads every value. */
    private static Kind bestKind(List<String> values) {
        Kind best = null;
        int bestWidth = Integer.MAX_VALUE;
        for (Kind k : Kind.values()) {
            int w = width(k, values);
            if (w >= 0 && w < bestWidth) {
                best = k;
                bestWidth = w;
            }
        }
        return best;
    }

    /** Bytes per value for this kind, or -1 if a value is not of the kind (or out of order). */
    private static int width(Kind k, List<String> values) {
        int n = values.size();
        long first = k.key(values.get(0));
        if (first == Kind.NONE) {
            return -1;
        }
        long prev = first;
        for (int i = 1; i < n; i++) {
            long v = k.key(values.get(i));
            if (v == Kind.NONE || v <= prev) {
                return -1;
            }
            prev = v;
        }
        return Keys.bytesFor(prev - first);
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        Kind k = bestKind(values);
        if (k == null) {
            throw new IllegalArgumentException("not a set of integers, dates or times: " + values);
        }
        int n = values.size();
        int w = width(k, values);
        long base = k.key(values.get(0));
        target.set(Keys.INT, offset, n);
        target.set(ValueLayout.JAVA_BYTE, offset + 4, (byte) k.ordinal());
        target.set(ValueLayout.JAVA_BYTE, offset + 5, (byte) w);
        target.set(Keys.LONG, offset + 6, base);
        long at = offset + HEADER;
        for (int i = 0; i < n; i++, at += w) {
            Keys.writeUnsigned(target, at, w, k.key(values.get(i)) - base);
        }
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return source.get(Keys.INT, offset);
    }

    private static Kind kind(MemorySegment s, long offset) {
        return Kind.of(s.get(ValueLayout.JAVA_BYTE, offset + 4));
    }

    private static int width(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset + 5);
    }

    private static long key(MemorySegment s, long offset, int w, int i) {
        return s.get(Keys.LONG, offset + 6) + Keys.readUnsigned(s, offset + HEADER + (long) i * w, w);
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        Kind k = kind(source, offset);
        int n = count(source, offset);
        int w = width(source, offset);
        for (int i = 0; i < n; i++) {
            into.add(k.text(key(source, offset, w, i)));
        }
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        long v = kind(source, offset).key(value);
        if (v == Kind.NONE) {
            return false;
        }
        int w = width(source, offset);
        int lo = 0;
        int hi = count(source, offset) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = key(source, offset, w, mid);
            if (m < v) {
                lo = mid + 1;
            } else if (m > v) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    @Override
    public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        Kind k = kind(sa, offA);
        if (k != kind(sb, offB)) {
            return ValueCodec.super.partition(sa, offA, sb, offB);
        }
        return Keys.merge(k, new Cursor(sa, offA), new Cursor(sb, offB));
    }

    private static final class Cursor implements Keys.Cursor {
        private final MemorySegment s;
        private final long offset;
        private final int n;
        private final int w;
        private int i;

        Cursor(MemorySegment s, long offset) {
            this.s = s;
            this.offset = offset;
            this.n = s.get(Keys.INT, offset);
            this.w = width(s, offset);
        }

        @Override
        public boolean done() {
            return i == n;
        }

        @Override
        public long peek() {
            return key(s, offset, w, i);
        }

        @Override
        public void advance() {
            i++;
        }
    }
}
