package dev.qube;

import dev.qube.internal.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metadata of one identifier: metadata keys (texts) each with a non-empty set of texts, for
 * example {@code location=lumi/mn5} or {@code path=/data/a.grib, offset=4096}. Keys are in
 * code-point order and each key's texts in canonical value order ({@link ValueOrder}); equal
 * metadata has equal text forms. Immutable; {@link #EMPTY} is "no metadata".
 *
 * <p>The text form is {@code key=v1/v2,key=v} with the escapes of identifiers ({@code \} before
 * {@code \ , / =}, see {@link Identifier#parse}); it is the tail of a line of the {@code ids} format.
 */
public final class Metadata {

    /** No metadata. */
    public static final Metadata EMPTY = new Metadata(Collections.emptyMap());

    private final Map<String, List<String>> map; // keys by code point, values canonical

    private Metadata(Map<String, List<String>> map) {
        this.map = map;
    }

    /** One key with one or more texts. */
    public static Metadata of(String key, String... values) {
        return of(Map.of(key, List.of(values)));
    }

    /** From a map of key → texts (each collection not empty; repeats are fine). */
    public static Metadata of(Map<String, ? extends Collection<String>> metadata) {
        TreeMap<String, List<String>> m = new TreeMap<>(ValueOrder::compareCodePoints);
        for (Map.Entry<String, ? extends Collection<String>> e : metadata.entrySet()) {
            String key = Text.checkKey(e.getKey());
            TreeSet<String> set = new TreeSet<>(ValueOrder.INSTANCE);
            for (String v : e.getValue()) {
                set.add(Text.checkValue(v));
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("metadata key '" + key + "' needs at least one value");
            }
            m.put(key, List.copyOf(set));
        }
        return m.isEmpty() ? EMPTY : new Metadata(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    }

    /** From a map of key → one text each ({@code Map.of("location", "lumi")}). */
    public static Metadata ofSingle(Map<String, String> metadata) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> m.put(k, List.of(v)));
        return of(m);
    }

    /**
     * Parses the text form {@code key=v1/v2,key=v}; an empty string is {@link #EMPTY}.
     *
     * @throws IllegalArgumentException on malformed text (naming the column)
     */
    public static Metadata parse(String text) {
        if (text.isBlank()) {
            return EMPTY;
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<Integer> starts = new ArrayList<>();
        List<String> parts = Text.split(text, ',', starts);
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = Text.indexOfUnescaped(p, '=');
            if (eq <= 0) {
                throw new IllegalArgumentException("column " + (starts.get(i) + 1) + ": metadata needs key=value, got '" + p + "'");
            }
            String key = Text.unescape(p.substring(0, eq).strip());
            List<String> values = new ArrayList<>();
            for (String v : Text.split(p.substring(eq + 1), '/', null)) {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("column " + (starts.get(i) + 1) + ": empty metadata value of key '" + key + "'");
                }
                values.add(Text.unescape(v));
            }
            if (m.put(key, values) != null) {
                throw new IllegalArgumentException("column " + (starts.get(i) + 1) + ": metadata key '" + key + "' given twice");
            }
        }
        return of(m);
    }

    /** Whether there is no metadata. */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** The keys, in code-point order. */
    public Set<String> keys() {
        return map.keySet();
    }

    /** The texts of a key in canonical order, empty when the key is absent. */
    public List<String> get(String key) {
        return map.getOrDefault(key, List.of());
    }

    /** As a map of key → sorted set of texts. */
    public Map<String, SortedSet<String>> asMap() {
        Map<String, SortedSet<String>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            TreeSet<String> s = new TreeSet<>(ValueOrder.INSTANCE);
            s.addAll(v);
            out.put(k, Collections.unmodifiableSortedSet(s));
        });
        return Collections.unmodifiableMap(out);
    }

    /** Per key, the union of both. */
    public Metadata union(Metadata other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(k, new ArrayList<>(v)));
        other.map.forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return of(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata m && m.map.equals(map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    /** The text form {@code key=v1/v2,key=v} (empty for {@link #EMPTY}). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        map.forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(Text.escape(k)).append('=');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    b.append('/');
                }
                b.append(Text.escape(v.get(i)));
            }
        });
        return b.toString();
    }

    /** For the engine: the map of key → canonical list. */
    Map<String, List<String>> lists() {
        return map;
    }
}
