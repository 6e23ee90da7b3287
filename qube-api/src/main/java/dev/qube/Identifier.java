package dev.qube;

import dev.qube.internal.Text;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One identifier: a non-empty path of {@code key=value} pairs, in order. Keys and values are
 * non-empty texts; a key appears at most once; key order is part of the identifier. The text form is {@code k=v,k=v} with
 * {@code \} escaping {@code \ , / =} (see {@link #parse}). Immutable.
 */
public final class Identifier implements Comparable<Identifier> {

    private final String[] keys;
    private final String[] values;

    private Identifier(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** An identifier from pairs in path order. */
    public static Identifier of(List<? extends Map.Entry<String, String>> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("an identifier has at least one key=value pair");
        }
        String[] k = new String[pairs.size()];
        String[] v = new String[pairs.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = Text.checkKey(pairs.get(i).getKey());
            v[i] = Text.checkValue(pairs.get(i).getValue());
        }
        return checked(k, v);
    }

    private static Identifier checked(String[] k, String[] v) {
        // identifiers are short (a few to a few dozen keys): pairwise is cheaper than a set
        if (k.length <= 32) {
            for (int i = 1; i < k.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (k[i].equals(k[j])) {
                        throw twice(k[i]);
                    }
                }
            }
        } else {
            java.util.Set<String> seen = new java.util.HashSet<>(k.length * 2);
            for (String key : k) {
                if (!seen.add(key)) {
                    throw twice(key);
                }
            }
        }
        return new Identifier(k, v);
    }

    private static IllegalArgumentException twice(String key) {
        return new IllegalArgumentException("key '" + key + "' appears twice in one identifier");
    }

    /**
     * An identifier over the first {@code size} keys and values of a qube's path, copied, without
     * checking them again: a qube only holds valid texts and no key twice on a path.
     */
    static Identifier ofQubePath(String[] keys, String[] values, int size) {
        return new Identifier(java.util.Arrays.copyOf(keys, size), java.util.Arrays.copyOf(values, size));
    }

    /** An identifier from alternating keys and values: {@code of("class", "od", "param", "1")}. */
    public static Identifier of(String... keysAndValues) {
        if (keysAndValues.length == 0 || keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating keys and values, got " + keysAndValues.length + " texts");
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(keysAndValues[i], keysAndValues[i + 1]));
        }
        return of(pairs);
    }

    /**
     * Parses {@code k=v,k=v}. White space around items is ignored; {@code \} escapes a special
     * character.
     *
     * @throws QubeFormatException naming the column of the first error
     */
    public static Identifier parse(String text) {
        List<Integer> starts = new ArrayList<>();
        List<String> items = Text.split(text, ',', starts);
        String[] k = new String[items.size()];
        String[] v = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int eq = Text.indexOfUnescaped(item, '=');
            int col = starts.get(i) + 1;
            if (eq <= 0 || eq == item.length() - 1) {
                throw new QubeFormatException("<identifier>", 1, col,
                        "expected key=value, found '" + Text.excerpt(item) + "'");
            }
            try {
                k[i] = Text.checkKey(Text.unescape(item.substring(0, eq)));
                v[i] = Text.checkValue(Text.unescape(item.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new QubeFormatException("<identifier>", 1, col, e.getMessage());
            }
        }
        try {
            return checked(k, v);
        } catch (IllegalArgumentException e) {
            throw new QubeFormatException("<identifier>", 1, 1, e.getMessage());
        }
    }

    /** Number of pairs. */
    public int size() {
        return keys.length;
    }

    /** The key at position {@code i}. */
    public String key(int i) {
        return keys[i];
    }

    /** The value at position {@code i}. */
    public String value(int i) {
        return values[i];
    }

    /** The pairs, in path order (an immutable list). */
    public List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> out = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.add(Map.entry(keys[i], values[i]));
        }
        return List.copyOf(out);
    }

    /** Canonical order: pair by pair, key by code point then value canonically; a prefix first. */
    @Override
    public int compareTo(Identifier o) {
        int n = Math.min(size(), o.size());
        for (int i = 0; i < n; i++) {
            int c = ValueOrder.compareCodePoints(keys[i], o.keys[i]);
            if (c == 0) {
                c = ValueOrder.INSTANCE.compare(values[i], o.values[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(size(), o.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identifier id && java.util.Arrays.equals(keys, id.keys) && java.util.Arrays.equals(values, id.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(keys) * 31 + java.util.Arrays.hashCode(values);
    }

    /** The text form {@code k=v,k=v}, escaped so that {@link #parse} reads it back. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(Text.escape(keys[i])).append('=').append(Text.escape(values[i]));
        }
        return b.toString();
    }
}
