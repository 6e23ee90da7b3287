package dev.qube.values;

import dev.qube.Identifier;
import dev.qube.tests.property.Gen;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Identifier sets made of a few overlapping datacubes over coordinate-like values (from
 * {@link ValueSets}), so that nodes carry large integer, date, time and range-shaped value sets and
 * every codec is used inside real qube operations.
 */
final class Cubes {
    private Cubes() {
    }

    static final List<String> KEYS = List.of("class", "date", "time", "step", "param", "levelist");

    /** Pools of values per key for one draw: shared by the sets drawn together, so that they overlap. */
    static List<List<String>> pools(SplittableRandom r, int size) {
        List<List<String>> pools = new ArrayList<>();
        for (String k : KEYS) {
            pools.add(k.equals("class") ? List.of("od", "rd", "0001") : ValueSets.valueSet(r, size, r.nextInt(ValueSets.FAMILIES)));
        }
        return pools;
    }

    static List<Identifier> cubes(SplittableRandom r, int size, List<List<String>> pools) {
        LinkedHashSet<Identifier> out = new LinkedHashSet<>();
        int cubes = r.nextInt(1 + Math.min(4, size));
        List<String> order = new ArrayList<>(KEYS);
        for (int c = 0; c < cubes; c++) {
            if (r.nextInt(3) == 0) {
                java.util.Collections.shuffle(order, new java.util.Random(r.nextLong()));
            }
            int depth = 1 + r.nextInt(3);
            List<List<String>> axes = new ArrayList<>();
            int budget = 400;
            for (int d = 0; d < depth; d++) {
                List<String> pool = pools.get(KEYS.indexOf(order.get(d)));
                int from = r.nextInt(pool.size());
                int len = 1 + r.nextInt(Math.max(1, Math.min(pool.size() - from, budget)));
                List<String> axis = new ArrayList<>(pool.subList(from, from + len));
                if (r.nextBoolean()) {
                    axis.removeIf(x -> r.nextInt(5) == 0);
                }
                if (axis.isEmpty()) {
                    axis.add(pool.get(from));
                }
                budget = Math.max(1, budget / axis.size());
                axes.add(axis);
            }
            product(order, axes, 0, new String[2 * depth], out);
        }
        return List.copyOf(out);
    }

    private static void product(List<String> order, List<List<String>> axes, int d, String[] kv, LinkedHashSet<Identifier> out) {
        if (d == axes.size()) {
            out.add(Identifier.of(kv.clone()));
            return;
        }
        for (String v : axes.get(d)) {
            kv[2 * d] = order.get(d);
            kv[2 * d + 1] = v;
            product(order, axes, d + 1, kv, out);
        }
    }

    /** {@code how} identifier sets over shared pools. */
    static Gen<List<List<Identifier>>> sets(int how) {
        return new Gen<>() {
            @Override
            public List<List<Identifier>> next(SplittableRandom r, int size) {
                List<List<String>> pools = pools(r, size);
                List<List<Identifier>> out = new ArrayList<>();
                for (int i = 0; i < how; i++) {
                    out.add(cubes(r, size, pools));
                }
                return out;
            }

            @Override
            public Stream<List<List<Identifier>>> shrink(List<List<Identifier>> v) {
                return IntStream.range(0, v.size()).boxed().flatMap(i -> {
                    List<Identifier> s = v.get(i);
                    if (s.isEmpty()) {
                        return Stream.empty();
                    }
                    List<List<Identifier>> half = new ArrayList<>(v);
                    half.set(i, s.subList(0, s.size() / 2));
                    List<List<Identifier>> other = new ArrayList<>(v);
                    other.set(i, s.subList(s.size() / 2, s.size()));
                    List<List<Identifier>> dropFirst = new ArrayList<>(v);
                    dropFirst.set(i, s.subList(1, s.size()));
                    return Stream.of(half, other, dropFirst);
                });
            }

            @Override
            public String show(List<List<Identifier>> v) {
                return v.stream().map(s -> s.stream().map(Identifier::toString).collect(Collectors.joining("; ", "[", "]")))
                        .collect(Collectors.joining("\n    ", "\n    ", ""));
            }
        };
    }
}
