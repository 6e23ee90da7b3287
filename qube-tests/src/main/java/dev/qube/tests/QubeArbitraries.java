package dev.qube.tests;

import dev.qube.Identifier;
import dev.qube.Selection;
import dev.qube.tests.property.Gen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generators of the suite, for reuse by anyone testing qubes: identifier sets with shared prefixes,
 * uneven depths, prefix identifiers, key orders that differ between branches and values that look
 * alike ({@code 1}, {@code 01}, {@code 001}, {@code 1.0}, {@code -0}), plus escapes; and selections.
 * All shrink.
 */
public final class QubeArbitraries {
    private QubeArbitraries() {
    }

    /** Keys drawn from. */
    public static final List<String> KEYS = List.of("class", "expver", "param", "date", "a", "b");

    /** Values drawn from: look-alikes, negatives, texts, and characters that need escaping. */
    public static final List<String> VALUES = List.of("1", "01", "001", "1.0", "-0", "0", "-5", "2", "10", "167",
            "od", "rd", "x", "é", "a/b", "c,d", "k=v", " sp", "\\", "20240101", "99999999999999999999");

    /** A set of identifiers (as a duplicate-free list) of about {@code size * 2} elements at most. */
    public static Gen<List<Identifier>> identifierSets() {
        return new Gen<>() {
            @Override
            public List<Identifier> next(SplittableRandom r, int size) {
                // a few key orders shared by branches, like real catalogues
                List<List<String>> orders = new ArrayList<>();
                int nOrders = 1 + r.nextInt(3);
                for (int i = 0; i < nOrders; i++) {
                    List<String> keys = new ArrayList<>(KEYS);
                    Collections.shuffle(keys, new java.util.Random(r.nextLong()));
                    orders.add(keys.subList(0, 2 + r.nextInt(3)));
                }
                // values per key from a small pool, so that prefixes are shared
                int pool = 2 + r.nextInt(Math.min(VALUES.size() - 2, 2 + size / 3));
                List<String> values = new ArrayList<>(VALUES);
                Collections.shuffle(values, new java.util.Random(r.nextLong()));
                values = values.subList(0, pool);
                LinkedHashSet<Identifier> out = new LinkedHashSet<>();
                int n = r.nextInt(2 * size + 2);
                for (int i = 0; i < n; i++) {
                    List<String> order = orders.get(r.nextInt(orders.size()));
                    int depth = 1 + r.nextInt(order.size());
                    String[] kv = new String[depth * 2];
                    for (int d = 0; d < depth; d++) {
                        kv[2 * d] = order.get(d);
                        kv[2 * d + 1] = values.get(r.nextInt(values.size()));
                    }
                    out.add(Identifier.of(kv));
                }
                return List.copyOf(out);
            }

            @Override
            public Stream<List<Identifier>> shrink(List<Identifier> v) {
                Stream<List<Identifier>> halves = v.size() < 2 ? Stream.empty()
                        : Stream.of(v.subList(0, v.size() / 2), v.subList(v.size() / 2, v.size()));
                Stream<List<Identifier>> dropOne = java.util.stream.IntStream.range(0, v.size()).mapToObj(i -> {
                    List<Identifier> x = new ArrayList<>(v);
                    x.remove(i);
                    return x;
                });
                Stream<List<Identifier>> shorten = java.util.stream.IntStream.range(0, v.size())
                        .filter(i -> v.get(i).size() > 1).mapToObj(i -> {
                            List<Identifier> x = new ArrayList<>(v);
                            Identifier id = v.get(i);
                            x.set(i, Identifier.of(id.pairs().subList(0, id.size() - 1)));
                            return List.copyOf(new LinkedHashSet<>(x));
                        });
                Stream<List<Identifier>> simpler = java.util.stream.IntStream.range(0, v.size()).boxed().flatMap(i -> {
                    Identifier id = v.get(i);
                    return java.util.stream.IntStream.range(0, id.size()).filter(p -> !id.value(p).equals("1")).mapToObj(p -> {
                        List<Map.Entry<String, String>> pairs = new ArrayList<>(id.pairs());
                        pairs.set(p, Map.entry(id.key(p), "1"));
                        List<Identifier> x = new ArrayList<>(v);
                        x.set(i, Identifier.of(pairs));
                        return List.copyOf(new LinkedHashSet<>(x));
                    });
                });
                return Stream.of(halves, dropOne, shorten, simpler).flatMap(s -> s);
            }

            @Override
            public String show(List<Identifier> v) {
                return v.stream().map(Identifier::toString).collect(Collectors.joining("; ", "[", "]"));
            }
        };
    }

    /** Two independent identifier sets. */
    public static Gen<List<List<Identifier>>> identifierSets(int how) {
        Gen<List<Identifier>> one = identifierSets();
        return new Gen<>() {
            @Override
            public List<List<Identifier>> next(SplittableRandom r, int size) {
                // draw all from one stream so that the sets share keys and values often
                SplittableRandom shared = r.split();
                List<List<Identifier>> out = new ArrayList<>();
                for (int i = 0; i < how; i++) {
                    out.add(one.next(r.nextBoolean() ? shared.split() : r.split(), size));
                }
                return out;
            }

            @Override
            public Stream<List<List<Identifier>>> shrink(List<List<Identifier>> v) {
                return java.util.stream.IntStream.range(0, v.size()).boxed().flatMap(i -> one.shrink(v.get(i)).map(s -> {
                    List<List<Identifier>> x = new ArrayList<>(v);
                    x.set(i, s);
                    return x;
                }));
            }

            @Override
            public String show(List<List<Identifier>> v) {
                return v.stream().map(one::show).collect(Collectors.joining("\n    ", "\n    ", ""));
            }
        };
    }

    /** A selection over {@link #KEYS} and {@link #VALUES}, as key to selected values. */
    public static Gen<Map<String, List<String>>> selections() {
        return new Gen<>() {
            @Override
            public Map<String, List<String>> next(SplittableRandom r, int size) {
                Map<String, List<String>> m = new LinkedHashMap<>();
                int keys = 1 + r.nextInt(3);
                for (int i = 0; i < keys; i++) {
                    List<String> vs = new ArrayList<>();
                    int n = r.nextInt(6);
                    for (int j = 0; j < n; j++) {
                        vs.add(VALUES.get(r.nextInt(VALUES.size())));
                    }
                    m.put(KEYS.get(r.nextInt(KEYS.size())), vs);
                }
                return m;
            }

            @Override
            public Stream<Map<String, List<String>>> shrink(Map<String, List<String>> v) {
                return v.keySet().stream().map(k -> {
                    Map<String, List<String>> x = new LinkedHashMap<>(v);
                    x.remove(k);
                    return x;
                }).filter(x -> !x.isEmpty());
            }
        };
    }

    /** The {@link Selection} of a generated selection map. */
    public static Selection selection(Map<String, List<String>> m) {
        return Selection.of(m);
    }
}
