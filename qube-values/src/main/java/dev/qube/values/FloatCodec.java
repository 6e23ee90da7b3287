package dev.qube.values;

import dev.qube.spi.ValueCodec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Value sets of decimal numbers written in their canonical Java text ({@code 0.5}, {@code -2.25},
 * {@code 1.0E-5}: the text {@link Double#toString} gives for the number), stored as IEEE numbers:
 * 4 bytes each when every text is also the canonical text of a {@code float}, else 8. A text that
 * is not exactly the canonical text of its number ({@code 0.50}, {@code .5}, {@code 1e3}) is not
 * encodable here, so the text always round-trips. Values keep their canonical (text) order.
 *
 * <p>Payload: {@code int count | byte width (4 or 8) | count numbers}.
 */
public final class FloatCodec implements ValueCodec {

    /** The stable name of this codec. */
    public static final String NAME = "floats";
    private static final int HEADER = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long encodedSize(List<String> values) {
        int w = width(values);
        return w < 0 ? -1 : HEADER + (long) w * values.size();
    }

    /** 4 when every value is a canonical float text, 8 when every one is a canonical double text, else -1. */
    private static int width(List<String> values) {
        if (values.isEmpty()) {
            return -1;
        }
        int w = 4;
        for (String v : values) {
            if (!looksDecimal(v)) {
                return -1;
            }
            double d = parse(v);
            if (Double.isNaN(d) || !Double.toString(d).equals(v)) {
                return -1;
            }
            if (w == 4 && !Float.toString((float) d).equals(v)) {
                w = 8;
            }
        }
        return w;
    }

    /** The number of a decimal-looking text, or NaN when it does not parse. */
    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Digits with one point, an optional leading minus and exponent: the shape of {@link Double#toString}. */
    private static boolean looksDecimal(String s) {
        int n = s.length();
        int i = s.startsWith("-") ? 1 : 0;
        if (n - i < 3 || s.charAt(i) < '0' || s.charAt(i) > '9') {
            return false;
        }
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                point = true;
            } else if ((c < '0' || c > '9') && c != 'E' && c != '-') {
                return false;
            }
        }
        return point;
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        int w = width(values);
        if (w < 0) {
            throw new IllegalArgumentException("not a set of canonical decimal texts: " + values);
        }
        target.set(Keys.INT, offset, values.size());
        target.set(ValueLayout.JAVA_BYTE, offset + 4, (byte) w);
        long at = offset + HEADER;
        for (String v : values) {
            if (w == 4) {
                target.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, (float) Double.parseDouble(v));
            } else {
                target.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, at, Double.parseDouble(v));
            }
            at += w;
        }
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return source.get(Keys.INT, offset);
    }

    private static String text(MemorySegment s, long at, int w) {
        return w == 4 ? Float.toString(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, at))
                : Double.toString(s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, at));
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        int n = count(source, offset);
        int w = source.get(ValueLayout.JAVA_BYTE, offset + 4);
        for (int i = 0; i < n; i++) {
            into.add(text(source, offset + HEADER + (long) i * w, w));
        }
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        if (!looksDecimal(value)) {
            return false;
        }
        int n = count(source, offset);
        int w = source.get(ValueLayout.JAVA_BYTE, offset + 4);
        double d = parse(value);
        if (Double.isNaN(d)) {
            return false;
        }
        long wanted = w == 4 ? Float.floatToRawIntBits((float) d) : Double.doubleToRawLongBits(d);
        for (int i = 0; i < n; i++) {
            long at = offset + HEADER + (long) i * w;
            long bits = w == 4 ? source.get(ValueLayout.JAVA_INT_UNALIGNED, at) : source.get(ValueLayout.JAVA_LONG_UNALIGNED, at);
            if (bits == wanted && text(source, at, w).equals(value)) {
                return true;
            }
        }
        return false;
    }
}
