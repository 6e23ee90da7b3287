package dev.qube.values;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import dev.qube.spi.ValueSetSizing;
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
 * <p>Payload: {@code int count | byte kind | byte baseBytes | byte width | base | count x width bytes}:
 * the smallest value in the fewest bytes (signed little-endian), then each value as an unsigned
 * little-endian offset from it, ascending.
 */
public final class PackedCodec implements ValueCodec {

    /** The stable name of this codec. */
    public static final String NAME = "packed";
    private static final int HEADER = 7;

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
        Kind best = bestKind(set);
        return best == null ? -1 : size(Keys.of(set, best));
    }

    /** The payload size for these keys. */
    private static long size(long[] keys) {
        return HEADER + signedBytes(keys[0]) + (long) keys.length * width(keys);
    }

    /** The kind giving the smallest payload (ties: the first kind), or null if none reads every value. */
    private static Kind bestKind(ValueSetSizing set) {
        Kind best = null;
        long bestSize = Long.MAX_VALUE;
        for (Kind k : Kind.values()) {
            long[] keys = Keys.of(set, k);
            if (keys == null) {
                continue;
            }
            long size = size(keys);
            if (size < bestSize) {
                best = k;
                bestSize = size;
            }
        }
        return best;
    }

    /** The fewest bytes (1-8) that hold {@code v} in two's complement. */
    private static int signedBytes(long v) {
        int n = 1;
        while (n < 8 && (v << (64 - 8 * n)) >> (64 - 8 * n) != v) {
            n++;
        }
        return n;
    }

    /** Bytes per value: those of the span of the (ascending) keys. */
    private static int width(long[] keys) {
        return Keys.bytesFor(keys[keys.length - 1] - keys[0]);
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
        long[] keys = Keys.of(set, k);
        int n = keys.length;
        int w = width(keys);
        long base = keys[0];
        int baseBytes = signedBytes(base);
        target.set(Keys.INT, offset, n);
        target.set(ValueLayout.JAVA_BYTE, offset + 4, (byte) k.ordinal());
        target.set(ValueLayout.JAVA_BYTE, offset + 5, (byte) baseBytes);
        target.set(ValueLayout.JAVA_BYTE, offset + 6, (byte) w);
        Keys.writeUnsigned(target, offset + HEADER, baseBytes, base);
        long at = offset + HEADER + baseBytes;
        for (int i = 0; i < n; i++, at += w) {
            Keys.writeUnsigned(target, at, w, keys[i] - base);
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
        return s.get(ValueLayout.JAVA_BYTE, offset + 6);
    }

    private static int baseBytes(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset + 5);
    }

    private static long base(MemorySegment s, long offset) {
        int n = baseBytes(s, offset);
        long raw = Keys.readUnsigned(s, offset + HEADER, n);
        return (raw << (64 - 8 * n)) >> (64 - 8 * n);
    }

    /** The {@code i}-th key, given the base and where the offsets start. */
    private static long key(MemorySegment s, long base, long values, int w, int i) {
        return base + Keys.readUnsigned(s, values + (long) i * w, w);
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
        int w = width(source, offset);
        long base = base(source, offset);
        long at = offset + HEADER + baseBytes(source, offset);
        int lo = 0;
        int hi = count(source, offset) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = key(source, base, at, w, mid);
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
        private final long base;
        private final long values;
        private final int n;
        private final int w;
        private int i;

        Cursor(MemorySegment s, long offset) {
            this.s = s;
            this.base = base(s, offset);
            this.values = offset + HEADER + baseBytes(s, offset);
            this.n = s.get(Keys.INT, offset);
            this.w = width(s, offset);
        }

        @Override
        public boolean done() {
            return i == n;
        }

        @Override
        public long peek() {
            return key(s, base, values, w, i);
        }

        @Override
        public void advance() {
            i++;
        }
    }
}
