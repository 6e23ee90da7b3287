package dev.qube.values;

import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import dev.qube.spi.ValueSetSizing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Large, dense sets of non-negative canonical integers below 2^31 (parameter ids, members, model
 * levels) as a compressed bitmap in the portable RoaringBitmap format. Partitions are computed
 * with bitmap operations ({@code and}, {@code andNot}) on the two bitmaps.
 *
 * <p>Payload: {@code int count | int bytes | RoaringBitmap portable serialisation} (run-optimised,
 * so a set always has the same bytes).
 */
public final class BitmapCodec implements ValueCodec {

    /** The stable name of this codec. */
    public static final String NAME = "bitmap";
    private static final int HEADER = 8;

    @Override
    public String name() {
        return NAME;
    }

    /** The shared entry of a sized set: its bitmap, built once for sizing and encoding. */
    private static final Object BITMAP = new Object();

    /** The bitmap of the values, or null when one is not a canonical integer in [0, 2^31). */
    private static RoaringBitmap bitmap(ValueSetSizing set) {
        return set.shared(BITMAP, values -> {
            long[] keys = Keys.of(set, Kind.INTEGER); // ascending, shared with the other key codecs
            if (keys == null || keys[0] < 0 || keys[keys.length - 1] > Integer.MAX_VALUE) {
                return null;
            }
            int[] ints = new int[keys.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) keys[i];
            }
            RoaringBitmap b = RoaringBitmap.bitmapOf(ints);
            b.runOptimize();
            return b;
        });
    }

    @Override
    public long encodedSize(List<String> values) {
        return encodedSize(new ValueSetSizing(values));
    }

    @Override
    public long encodedSize(ValueSetSizing set) {
        RoaringBitmap b = bitmap(set);
        return b == null ? -1 : HEADER + (long) b.serializedSizeInBytes();
    }

    @Override
    public void encode(List<String> values, MemorySegment target, long offset) {
        encode(new ValueSetSizing(values), target, offset);
    }

    @Override
    public void encode(ValueSetSizing set, MemorySegment target, long offset) {
        RoaringBitmap b = bitmap(set);
        if (b == null) {
            throw new IllegalArgumentException("not a set of integers in [0, 2^31): " + set.values());
        }
        byte[] bytes = new byte[b.serializedSizeInBytes()];
        b.serialize(ByteBuffer.wrap(bytes));
        target.set(Keys.INT, offset, set.values().size());
        target.set(Keys.INT, offset + 4, bytes.length);
        MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, offset + HEADER, bytes.length);
    }

    @Override
    public int count(MemorySegment source, long offset) {
        return source.get(Keys.INT, offset);
    }

    private static RoaringBitmap read(MemorySegment s, long offset) {
        int len = s.get(Keys.INT, offset + 4);
        byte[] bytes = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset + HEADER, bytes, 0, len);
        RoaringBitmap b = new RoaringBitmap();
        try {
            b.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt bitmap value set", e);
        }
        return b;
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        read(source, offset).forEach((int v) -> into.add(Integer.toString(v)));
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        long v = Kind.INTEGER.key(value);
        return v >= 0 && v <= Integer.MAX_VALUE && read(source, offset).contains((int) v);
    }

    @Override
    public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        RoaringBitmap a = read(sa, offA);
        RoaringBitmap b = read(sb, offB);
        return new Partition(texts(RoaringBitmap.andNot(a, b)), texts(RoaringBitmap.and(a, b)), texts(RoaringBitmap.andNot(b, a)));
    }

    private static List<String> texts(RoaringBitmap b) {
        List<String> out = new ArrayList<>(b.getCardinality());
        b.forEach((int v) -> out.add(Integer.toString(v)));
        return out;
    }
}
