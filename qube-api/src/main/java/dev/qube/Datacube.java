package dev.qube;

import dev.qube.internal.Text;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.TreeSet;

/**
 * A dense datacube: an ordered list of keys, each with a non-empty set of values. It stands for
 * every identifier that takes one value per key, keys in this order. Values are kept distinct and
 * in canonical order. Immutable.
 */
public final class Datacube {

    private final SequencedMap<String, List<String>> axes;

    private Datacube(SequencedMap<String, List<String>> axes) {
        this.axes = axes;
    }

    /** A datacube from keys (in path order) to their values. Keys must be distinct. */
    public static Datacube of(SequencedMap<String, ? extends java.util.Collection<String>> axes) {
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a datacube has at least one key");
        }
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        axes.forEach((k, vs) -> {
            Text.checkKey(k);
            if (vs instanceof List<String> list && !list.isEmpty() && canonical(list)) {
                copy.put(k, List.copyOf(list)); // already distinct and in order (the engine's datacubes): no sort
                return;
            }
            TreeSet<String> sorted = new TreeSet<>(ValueOrder.INSTANCE);
            for (String v : vs) {
                sorted.add(Text.checkValue(v));
            }
            if (sorted.isEmpty()) {
                throw new IllegalArgumentException("key '" + k + "' has no values");
            }
            copy.put(k, List.copyOf(sorted));
        });
        return new Datacube(Collections.unmodifiableSequencedMap(copy));
    }

    /** Whether every value is valid and the list strictly increasing in canonical order. */
    private static boolean canonical(List<String> values) {
        String prev = null;
        for (String v : values) {
            Text.checkValue(v);
            if (prev != null && ValueOrder.INSTANCE.compare(prev, v) >= 0) {
                return false;
            }
            prev = v;
        }
        return true;
    }

    /** Builds a datacube from alternating keys and {@code /}-separated values: {@code of("class", "od", "param", "1/2")}. */
    public static Datacube of(String... keysAndValues) {
        if (keysAndValues.length == 0 || keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating keys and values");
        }
        LinkedHashMap<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            List<String> vs = new ArrayList<>();
            for (String v : Text.split(keysAndValues[i + 1], '/', null)) {
                vs.add(Text.unescape(v));
            }
            if (m.put(keysAndValues[i], vs) != null) {
                throw new IllegalArgumentException("key '" + keysAndValues[i] + "' given twice");
            }
        }
        return of(m);
    }

    /** Keys in path order, each to its values in canonical order. */
    public SequencedMap<String, List<String>> axes() {
        return axes;
    }

    /** Number of identifiers: the product of the value counts. */
    public BigInteger count() {
        BigInteger c = BigInteger.ONE;
        for (List<String> v : axes.values()) {
            c = c.multiply(BigInteger.valueOf(v.size()));
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datacube d && List.copyOf(axes.entrySet()).equals(List.copyOf(d.axes.entrySet()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(axes.entrySet()).hashCode();
    }

    /** {@code k=v1/v2, k2=v3}, escaped like the ASCII form. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        axes.forEach((k, vs) -> {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(Text.escape(k)).append('=');
            for (int i = 0; i < vs.size(); i++) {
                b.append(i > 0 ? "/" : "").append(Text.escape(vs.get(i)));
            }
        });
        return b.toString();
    }
}
