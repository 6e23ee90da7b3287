package dev.qube.tests;

import dev.qube.Identifier;
import dev.qube.Metadata;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.tests.property.Gen;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The model of a qube with metadata: a map identifier → {@link Metadata} ({@link Metadata#EMPTY}
 * for an identifier without), and every operation defined on it by the one rule: the metadata of
 * a result identifier is the union of what the inputs hold for the identifiers it came from.
 */
public final class MetaModel {
    private MetaModel() {
    }

    /** An identifier added with some metadata; the same identifier may be added several times. */
    public record Tagged(Identifier id, Metadata metadata) {
        @Override
        public String toString() {
            return metadata.isEmpty() ? id.toString() : id + "\t" + metadata;
        }
    }

    /** The model of a list of additions: repeats union their metadata. */
    public static TreeMap<Identifier, Metadata> of(Collection<Tagged> tagged) {
        TreeMap<Identifier, Metadata> m = new TreeMap<>();
        for (Tagged t : tagged) {
            m.merge(t.id(), t.metadata(), Metadata::union);
        }
        return m;
    }

    /** What a qube holds, read through the cursor (no other read path). */
    public static TreeMap<Identifier, Metadata> of(Qube q) {
        TreeMap<Identifier, Metadata> m = new TreeMap<>();
        q.forEachIdentifier(c -> m.put(c.toIdentifier(), c.toMetadata()));
        return m;
    }

    /** A qube of these additions on the named backend. */
    public static Qube qube(List<Tagged> tagged, String arena) {
        var b = Qube.builder(arena);
        for (Tagged t : tagged) {
            b.add(t.id(), t.metadata());
        }
        return b.build();
    }

    /** A qube of a model on the named backend. */
    public static Qube qube(Map<Identifier, Metadata> m, String arena) {
        var b = Qube.builder(arena);
        m.forEach(b::add);
        return b.build();
    }

    /** The model of {@code a.union(b)}: every identifier of either, with the union of both sides' metadata. */
    public static TreeMap<Identifier, Metadata> union(Map<Identifier, Metadata> a, Map<Identifier, Metadata> b) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>(a);
        b.forEach((k, v) -> r.merge(k, v, Metadata::union));
        return r;
    }

    /** The model of {@code a.intersect(b)}: identifiers of both, with the union of both sides' metadata. */
    public static TreeMap<Identifier, Metadata> intersect(Map<Identifier, Metadata> a, Map<Identifier, Metadata> b) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>();
        a.forEach((k, v) -> {
            if (b.containsKey(k)) {
                r.put(k, v.union(b.get(k)));
            }
        });
        return r;
    }

    /** The model of {@code a.minus(b)}: identifiers of {@code a} not in {@code b}, with {@code a}'s metadata. */
    public static TreeMap<Identifier, Metadata> minus(Map<Identifier, Metadata> a, Map<Identifier, Metadata> b) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>(a);
        r.keySet().removeAll(b.keySet());
        return r;
    }

    /** The model of {@code a.xor(b)}: identifiers of exactly one side, each with its own side's metadata. */
    public static TreeMap<Identifier, Metadata> xor(Map<Identifier, Metadata> a, Map<Identifier, Metadata> b) {
        TreeMap<Identifier, Metadata> r = minus(a, b);
        r.putAll(minus(b, a));
        return r;
    }

    /** The model of {@code a.select(s, mode)}: the identifiers kept, with their metadata. */
    public static TreeMap<Identifier, Metadata> select(Map<Identifier, Metadata> a, Selection s, SelectMode mode) {
        Set<List<Map.Entry<String, String>>> kept = Model.select(ids(a), s, mode);
        TreeMap<Identifier, Metadata> r = new TreeMap<>();
        a.forEach((k, v) -> {
            if (kept.contains(k.pairs())) {
                r.put(k, v);
            }
        });
        return r;
    }

    /** The model of dropping {@code keys}: identifiers that become equal union their metadata. */
    public static TreeMap<Identifier, Metadata> drop(Map<Identifier, Metadata> a, Set<String> keys) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>();
        a.forEach((k, v) -> {
            List<Map.Entry<String, String>> kept = new ArrayList<>();
            for (Map.Entry<String, String> p : k.pairs()) {
                if (!keys.contains(p.getKey())) {
                    kept.add(p);
                }
            }
            if (!kept.isEmpty()) {
                r.merge(Identifier.of(kept), v, Metadata::union);
            }
        });
        return r;
    }

    /** The model of expanding by {@code key} over {@code values}: each identifier made copies its metadata. */
    public static TreeMap<Identifier, Metadata> expand(Map<Identifier, Metadata> a, String key, Collection<String> values) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>();
        a.forEach((k, v) -> {
            for (String x : values) {
                List<Map.Entry<String, String>> p = new ArrayList<>();
                p.add(Map.entry(key, x));
                p.addAll(k.pairs());
                r.put(Identifier.of(p), v);
            }
        });
        return r;
    }

    /** Sets {@code key} to {@code values} on the identifiers {@code chosen} accepts. */
    public static TreeMap<Identifier, Metadata> with(Map<Identifier, Metadata> a, java.util.function.Predicate<Identifier> chosen,
            String key, List<String> values) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>();
        a.forEach((k, v) -> {
            if (chosen.test(k)) {
                Map<String, List<String>> m = new LinkedHashMap<>();
                v.keys().forEach(x -> m.put(x, v.get(x)));
                m.put(key, values);
                r.put(k, Metadata.of(m));
            } else {
                r.put(k, v);
            }
        });
        return r;
    }

    /** Only the metadata of these keys. */
    public static TreeMap<Identifier, Metadata> keep(Map<Identifier, Metadata> a, Set<String> keys) {
        TreeMap<Identifier, Metadata> r = new TreeMap<>();
        a.forEach((k, v) -> {
            Map<String, List<String>> m = new LinkedHashMap<>();
            v.keys().stream().filter(keys::contains).forEach(x -> m.put(x, v.get(x)));
            r.put(k, Metadata.of(m));
        });
        return r;
    }

    /** The identifier set of a model. */
    public static Set<List<Map.Entry<String, String>>> ids(Map<Identifier, Metadata> a) {
        Set<List<Map.Entry<String, String>>> r = new HashSet<>();
        a.keySet().forEach(i -> r.add(i.pairs()));
        return r;
    }

    /** Metadata keys drawn from: provenance ({@code location}), payload-like ({@code path}, {@code offset}), escapes. */
    public static final List<String> META_KEYS = List.of("location", "path", "offset", "k/=");
    /** Texts drawn from. */
    public static final List<String> META_VALUES = List.of("lumi", "mn5", "leonardo", "1", "01", "4096", "-7",
            "/data/a.grib", "x,y", "é");

    /**
     * Additions with metadata: an identifier set of {@link QubeArbitraries#identifierSets()} where
     * each identifier gets, at random, no metadata, a site for a whole stretch of them
     * (provenance), per-identifier texts (payloads), or a second addition with other metadata.
     * Shrinks with the identifier set.
     */
    public static Gen<List<Tagged>> taggedSets() {
        Gen<List<List<Tagged>>> one = taggedSets(1);
        return new Gen<>() {
            @Override
            public List<Tagged> next(SplittableRandom r, int size) {
                return one.next(r, size).getFirst();
            }

            @Override
            public Stream<List<Tagged>> shrink(List<Tagged> v) {
                return one.shrink(List.of(v)).map(List::getFirst);
            }

            @Override
            public String show(List<Tagged> v) {
                return one.show(List.of(v));
            }
        };
    }

    /**
     * {@code how} lists of additions whose identifier sets often overlap ({@link
     * QubeArbitraries#identifierSets(int)}); the metadata is drawn from each set's identifiers, so
     * it survives shrinking.
     */
    public static Gen<List<List<Tagged>>> taggedSets(int how) {
        Gen<List<List<Identifier>>> ids = QubeArbitraries.identifierSets(how);
        return new Gen<>() {
            @Override
            public List<List<Tagged>> next(SplittableRandom r, int size) {
                return tagAll(ids.next(r, size));
            }

            @Override
            public Stream<List<List<Tagged>>> shrink(List<List<Tagged>> v) {
                List<List<Identifier>> plain = v.stream().map(l -> l.stream().map(Tagged::id).distinct().toList()).toList();
                return ids.shrink(plain).map(MetaModel::tagAll);
            }

            @Override
            public String show(List<List<Tagged>> v) {
                StringBuilder b = new StringBuilder();
                for (List<Tagged> l : v) {
                    b.append("\n  set:");
                    l.forEach(t -> b.append("\n    ").append(t));
                }
                return b.toString();
            }
        };
    }

    private static List<List<Tagged>> tagAll(List<List<Identifier>> sets) {
        List<List<Tagged>> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            out.add(tag(sets.get(i), sets.get(i).hashCode() * 31L + i));
        }
        return out;
    }

    /** Metadata for each identifier of {@code ids}, drawn from {@code seed}. */
    public static List<Tagged> tag(List<Identifier> ids, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tagged> out = new ArrayList<>();
        int flavour = r.nextInt(4); // 0: none, 1: provenance, 2: payloads, 3: mixed
        String site = META_VALUES.get(r.nextInt(3));
        for (Identifier id : ids) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            if (flavour == 1 || flavour == 3 && r.nextBoolean()) {
                if (r.nextInt(8) == 0) {
                    site = META_VALUES.get(r.nextInt(3));
                }
                m.put("location", List.of(site));
            }
            if (flavour == 2 || flavour == 3 && r.nextInt(3) == 0) {
                int keys = 1 + r.nextInt(2);
                for (int k = 0; k < keys; k++) {
                    List<String> vs = new ArrayList<>();
                    int n = 1 + r.nextInt(2);
                    for (int j = 0; j < n; j++) {
                        vs.add(META_VALUES.get(r.nextInt(META_VALUES.size())));
                    }
                    m.put(META_KEYS.get(r.nextInt(META_KEYS.size())), vs);
                }
            }
            out.add(new Tagged(id, Metadata.of(m)));
            if (flavour == 3 && r.nextInt(6) == 0) {
                out.add(new Tagged(id, Metadata.of("location", META_VALUES.get(r.nextInt(3)))));
            }
        }
        return out;
    }
}
