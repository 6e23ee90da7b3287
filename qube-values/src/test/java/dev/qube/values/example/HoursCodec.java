package dev.qube.values.example;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The example third-party codec of the README: sets of two-digit hours {@code 00}-{@code 23} as
 * one 32-bit mask, bit {@code h} for hour {@code h}. Any subset of hours takes 4 bytes, and the
 * partition of two sets is three mask operations.
 *
 * <p>The one subtle point is the canonical order: {@code 10}-{@code 23} are canonical integers and
 * come first, numerically; {@code 00}-{@code 09} are not (leading zero) and follow, by code point.
 * So a set iterates {@code 10, 11, ..., 23, 00, 01, ..., 09}.
 */
public final class HoursCodec implements ValueCodec {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    @Override
    public String name() {
        return "example-hours";
    }

    /** The hour of {@code s}, or -1 if it is not a two-digit hour. */
    private static int hour(String s) {
        if (s.length() != 2) {
            return -1;
        }
        int hi = s.charAt(0) - '0';
        int lo = s.charAt(1) - '0';
        if (hi < 0 || hi > 2 || lo < 0 || lo > 9 || hi * 10 + lo > 23) {
            return -1;
        }
        return hi * 10 + lo;
    }

    @Override
    public long encodedSize(List<String> values) {
        for (String v : values) {
            if (hour(v) < 0) {
                return -1;
            }
        }
        return values.isEmpty() ? -1 : 4;
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        int mask = 0;
        for (String v : values) {
            mask |= 1 << hour(v);
        }
        target.set(INT, offset, mask);
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return Integer.bitCount(source.get(INT, offset));
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        texts(source.get(INT, offset), into);
    }

    /** Appends the hours of {@code mask} in canonical order: 10-23, then 00-09. */
    private static void texts(int mask, List<String> into) {
        for (int h = 10; h < 24; h++) {
            if ((mask & (1 << h)) != 0) {
                into.add(Integer.toString(h));
            }
        }
        for (int h = 0; h < 10; h++) {
            if ((mask & (1 << h)) != 0) {
                into.add("0" + h);
            }
        }
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        int h = hour(value);
        return h >= 0 && (source.get(INT, offset) & (1 << h)) != 0;
    }

    @Override
    public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        int a = sa.get(INT, offA);
        int b = sb.get(INT, offB);
        return new Partition(list(a & ~b), list(a & b), list(b & ~a));
    }

    private static List<String> list(int mask) {
        List<String> out = new ArrayList<>(Integer.bitCount(mask));
        texts(mask, out);
        return out;
    }
}
