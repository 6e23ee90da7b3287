package dev.qube.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One value set about to be written, offered to every installed codec in turn: the values, and a
 * scratch space the codecs share while this one set is sized and encoded. Work on the texts that
 * several codecs need (reading each text as a number, say) is then done once per set instead of
 * once per codec and again to encode: a codec stores what it computed under a key of its own and
 * finds it there when asked again, or when another codec of its family asks for it.
 *
 * <p>The engine makes one per value set and drops it after the set is written; it is used by one
 * thread. Codecs that ignore it work unchanged: {@link ValueCodec#encodedSize(ValueSetSizing)} and
 * {@link ValueCodec#encode(ValueSetSizing, MemorySegment, long)} default to the list methods.
 */
public final class ValueSetSizing {

    private static final Object NULL = new Object();
    /** Entries of the scratch: a set has a handful (one per kind of number, a bitmap), so a scan finds them. */
    private static final int FIRST_ENTRIES = 8;

    private final List<String> values;
    private Object[] keys;
    private Object[] results;
    private int entries;
    private long[] integers;
    private boolean integersRead;

    /** A sizing of {@code values} (distinct, in canonical order, not empty). */
    public ValueSetSizing(List<String> values) {
        this.values = Objects.requireNonNull(values, "values");
        if (values instanceof dev.qube.internal.IntegerTexts read) {
            // the engine read these texts as numbers while sorting them: no codec reads them again
            integers = read.integers();
            integersRead = true;
        }
    }

    /** The values being sized (distinct, in canonical order). */
    public List<String> values() {
        return values;
    }

    /**
     * The values as numbers, when every one is a canonical integer ({@link dev.qube.ValueOrder#isCanonicalInteger})
     * of at most 18 digits: one per value, so ascending; null when a value is not such an integer.
     * Read once per set, or not at all when the engine already read the texts as numbers while
     * ordering them. The array is shared: do not modify it.
     */
    public long[] integers() {
        if (!integersRead) {
            integers = readIntegers(values);
            integersRead = true;
        }
        return integers;
    }

    private static long[] readIntegers(List<String> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            long v = dev.qube.internal.IntegerTexts.integer(values.get(i));
            if (v == dev.qube.internal.IntegerTexts.NOT_INTEGER) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * The result stored under {@code key} for this set, computing it from the values the first
     * time (a null result is remembered too). Use a key object private to the codec (or to a family
     * of codecs that share the analysis), never a string another codec might choose.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Function<? super List<String>, ? extends T> compute) {
        Objects.requireNonNull(key, "key");
        for (int i = 0; i < entries; i++) {
            Object k = keys[i];
            if (k == key || k.equals(key)) {
                Object v = results[i];
                return v == NULL ? null : (T) v;
            }
        }
        T v = compute.apply(values);
        if (keys == null) {
            keys = new Object[FIRST_ENTRIES];
            results = new Object[FIRST_ENTRIES];
        } else if (entries == keys.length) {
            keys = java.util.Arrays.copyOf(keys, entries * 2);
            results = java.util.Arrays.copyOf(results, entries * 2);
        }
        keys[entries] = key;
        results[entries++] = v == null ? NULL : v;
        return v;
    }
}
