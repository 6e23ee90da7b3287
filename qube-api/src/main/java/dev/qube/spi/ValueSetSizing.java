package dev.qube.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final List<String> values;
    private Map<Object, Object> shared;

    /** A sizing of {@code values} (distinct, in canonical order, not empty). */
    public ValueSetSizing(List<String> values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    /** The values being sized (distinct, in canonical order). */
    public List<String> values() {
        return values;
    }

    /**
     * The result stored under {@code key} for this set, computing it from the values the first
     * time (a null result is remembered too). Use a key object private to the codec (or to a family
     * of codecs that share the analysis), never a string another codec might choose.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Function<? super List<String>, ? extends T> compute) {
        Objects.requireNonNull(key, "key");
        if (shared == null) {
            shared = new HashMap<>(8);
        }
        Object v = shared.get(key);
        if (v == null) {
            v = compute.apply(values);
            shared.put(key, v == null ? NULL : v);
        }
        return v == NULL ? null : (T) v;
    }
}
