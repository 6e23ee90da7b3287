package dev.qube.tests;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The plain-set model of a qube: a {@code Set<List<Map.Entry<String,String>>>} of identifiers, and
 * every operation defined directly on it. The conformance suite checks the engine against these
 * definitions.
 */
public final class Model {
    private Model() {
    }

    /** An identifier of the model. */
    public static List<Map.Entry<String, String>> id(Identifier i) {
        return i.pairs();
    }

    /** The model of a list of identifiers. */
    public static Set<List<Map.Entry<String, String>>> of(Collection<Identifier> ids) {
        return ids.stream().map(Identifier::pairs).collect(Collectors.toCollection(HashSet::new));
    }

    /** The model of a qube: every identifier it holds. */
    public static Set<List<Map.Entry<String, String>>> of(Qube q) {
        return q.identifiers().map(Identifier::pairs).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A qube of the model's identifiers on the named backend. */
    public static Qube toQube(Set<List<Map.Entry<String, String>>> model, String arena) {
        var b = Qube.builder(arena);
        model.forEach(b::add);
        return b.build();
    }

    /** A new set of the elements of either. */
    public static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> r = new HashSet<>(a);
        r.addAll(b);
        return r;
    }

    /** A new set of the elements of both. */
    public static <T> Set<T> intersect(Set<T> a, Set<T> b) {
        Set<T> r = new HashSet<>(a);
        r.retainAll(b);
        return r;
    }

    /** A new set of the elements of {@code a} not in {@code b}. */
    public static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> r = new HashSet<>(a);
        r.removeAll(b);
        return r;
    }

    /** A new set of the elements of exactly one of the two. */
    public static <T> Set<T> xor(Set<T> a, Set<T> b) {
        return union(minus(a, b), minus(b, a));
    }

    /** {@code select} by the definitions of {@link SelectMode}. */
    public static Set<List<Map.Entry<String, String>>> select(Set<List<Map.Entry<String, String>>> m, Selection s,
            SelectMode mode) {
        Set<List<Map.Entry<String, String>>> r = new HashSet<>();
        for (List<Map.Entry<String, String>> id : m) {
            boolean ok = switch (mode) {
                case RELAXED -> id.stream().allMatch(p -> !s.keys().contains(p.getKey()) || s.accepts(p.getKey(), p.getValue()));
                case PRUNE -> s.keys().stream().allMatch(k -> id.stream().anyMatch(p -> p.getKey().equals(k)))
                        && id.stream().allMatch(p -> !s.keys().contains(p.getKey()) || s.accepts(p.getKey(), p.getValue()));
                case STRICT -> id.stream().allMatch(p -> s.accepts(p.getKey(), p.getValue()));
            };
            if (ok) {
                r.add(id);
            }
        }
        return r;
    }

    /** {@code drop}: pairs of those keys removed; empty identifiers vanish. */
    public static Set<List<Map.Entry<String, String>>> drop(Set<List<Map.Entry<String, String>>> m, Set<String> keys) {
        Set<List<Map.Entry<String, String>>> r = new HashSet<>();
        for (List<Map.Entry<String, String>> id : m) {
            List<Map.Entry<String, String>> kept = new ArrayList<>();
            for (Map.Entry<String, String> p : id) {
                if (!keys.contains(p.getKey())) {
                    kept.add(p);
                }
            }
            if (!kept.isEmpty()) {
                r.add(List.copyOf(kept));
            }
        }
        return r;
    }

    /** {@code expand}: each identifier prefixed with {@code key=v} for every value. */
    public static Set<List<Map.Entry<String, String>>> expand(Set<List<Map.Entry<String, String>>> m, String key,
            Collection<String> values) {
        Set<List<Map.Entry<String, String>>> r = new HashSet<>();
        for (List<Map.Entry<String, String>> id : m) {
            for (String v : values) {
                List<Map.Entry<String, String>> x = new ArrayList<>();
                x.add(Map.entry(key, v));
                x.addAll(id);
                r.add(List.copyOf(x));
            }
        }
        return r;
    }

    /** {@code reorderKeys}: the pairs of the keys in {@code order} first, in that order; the others after, as they were. */
    public static Set<List<Map.Entry<String, String>>> reorderKeys(Set<List<Map.Entry<String, String>>> m, List<String> order) {
        Set<List<Map.Entry<String, String>>> r = new HashSet<>();
        for (List<Map.Entry<String, String>> id : m) {
            List<Map.Entry<String, String>> x = new ArrayList<>();
            for (String k : order) {
                for (Map.Entry<String, String> p : id) {
                    if (p.getKey().equals(k)) {
                        x.add(p);
                    }
                }
            }
            for (Map.Entry<String, String> p : id) {
                if (!order.contains(p.getKey())) {
                    x.add(p);
                }
            }
            r.add(List.copyOf(x));
        }
        return r;
    }

    /** {@code keyOrders}: each sequence of keys some identifier has, with how many have it. */
    public static Map<List<String>, java.math.BigInteger> keyOrders(Set<List<Map.Entry<String, String>>> m) {
        Map<List<String>, java.math.BigInteger> r = new java.util.HashMap<>();
        for (List<Map.Entry<String, String>> id : m) {
            r.merge(id.stream().map(Map.Entry::getKey).toList(), java.math.BigInteger.ONE, java.math.BigInteger::add);
        }
        return r;
    }

    /** {@code axes}: key to every value it takes. */
    public static Map<String, SortedSet<String>> axes(Set<List<Map.Entry<String, String>>> m) {
        Map<String, SortedSet<String>> r = new TreeMap<>(ValueOrder::compareCodePoints);
        for (List<Map.Entry<String, String>> id : m) {
            for (Map.Entry<String, String> p : id) {
                r.computeIfAbsent(p.getKey(), k -> new TreeSet<>(ValueOrder.INSTANCE)).add(p.getValue());
            }
        }
        return r;
    }

    /** The identifiers of a model in canonical order. */
    public static List<Identifier> sorted(Set<List<Map.Entry<String, String>>> m) {
        return m.stream().map(Identifier::of).sorted().toList();
    }
}
