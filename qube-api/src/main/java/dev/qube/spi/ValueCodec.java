package dev.qube.spi;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one node's set of values into arena memory.
 *
 * <p>Values are texts; their identity is the text. A codec is a lossless encoding of a set of
 * texts: whatever it encodes, it must decode to exactly the same texts in canonical order
 * (see {@link dev.qube.ValueOrder}). For each value set the engine asks every codec for its
 * {@link #encodedSize} and picks the smallest that can encode the set (ties: by name).
 *
 * <p>Methods that read take the segment and the offset of the codec's payload; the payload was
 * written by {@link #encode} at that offset and is {@link #encodedSize} bytes long. Codecs must be
 * stateless and thread-safe. Register with {@code provides dev.qube.spi.ValueCodec with ...} and
 * in {@code META-INF/services}.
 */
public interface ValueCodec {

    /** A stable name; written into binary images, so never change it once published. */
    String name();

    /**
     * Bytes needed to encode {@code values} (distinct, in canonical order), or {@code -1} when this
     * codec cannot represent all of them exactly.
     */
    long encodedSize(List<String> values);

    /** Writes {@code values} at {@code offset}; exactly {@link #encodedSize} bytes. */
    void encode(List<String> values, MemorySegment target, long offset);

    /**
     * {@link #encodedSize(List)} of the sized set's values, given the scratch this set shares with
     * the other codecs sized on it: the engine calls this form, so a codec may keep what it read
     * from the texts for {@link #encode(ValueSetSizing, MemorySegment, long)} or share it with
     * codecs of its family. Must return exactly what {@link #encodedSize(List)} returns. The
     * default calls it.
     */
    default long encodedSize(ValueSetSizing set) {
        return encodedSize(set.values());
    }

    /**
     * {@link #encode(List, MemorySegment, long)} of the sized set's values, after
     * {@link #encodedSize(ValueSetSizing)} on the same set; must write exactly the same bytes. The
     * default calls the list form.
     */
    default void encode(ValueSetSizing set, MemorySegment target, long offset) {
        encode(set.values(), target, offset);
    }

    /** Number of values encoded at {@code offset}. */
    int count(MemorySegment source, long offset);

    /** Appends the values encoded at {@code offset} to {@code into}, in canonical order. */
    void decode(MemorySegment source, long offset, List<String> into);

    /** Whether {@code value} is one of the values encoded at {@code offset}. */
    default boolean contains(MemorySegment source, long offset, String value) {
        List<String> all = new ArrayList<>();
        decode(source, offset, all);
        return java.util.Collections.binarySearch(all, value, dev.qube.ValueOrder.INSTANCE) >= 0;
    }

    /**
     * The three-way partition of set {@code a} and set {@code b}, both encoded by this codec:
     * values only in {@code a}, in both, only in {@code b}, each in canonical order. The default
     * merges the decoded texts; codecs override it to work on their own representation.
     */
    default Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        decode(sa, offA, a);
        decode(sb, offB, b);
        return Partition.of(a, b);
    }
}
