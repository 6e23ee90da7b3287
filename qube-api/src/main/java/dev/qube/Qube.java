package dev.qube;

import dev.qube.internal.Align;
import dev.qube.internal.Ascii;
import dev.qube.internal.Meta;
import dev.qube.internal.MetaOps;
import dev.qube.internal.Ranks;
import dev.qube.internal.Combine;
import dev.qube.internal.Copier;
import dev.qube.internal.Deep;
import dev.qube.internal.Parallel;
import dev.qube.internal.Reshape;
import dev.qube.internal.Selector;
import dev.qube.internal.Store;
import dev.qube.internal.Text;
import dev.qube.internal.Traversal;
import dev.qube.internal.TreeBuild;
import dev.qube.internal.Walks;
import java.io.Reader;
import java.lang.ref.Reference;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A set of identifiers, stored as a canonical, hash-consed tree of datacubes in one arena.
 *
 * <p>A qube <em>is</em> its identifier set, with the metadata of each identifier if it has any
 * (see {@link Metadata} and {@code docs/METADATA.md}): {@link #equals} and {@link #hashCode}
 * depend only on those, on every backend ({@link #sameIdentifiers} ignores metadata). Every operation returns a new qube in canonical form, in a
 * fresh arena of the same backend as the receiver; inputs are never changed. A qube is immutable
 * and may be used from any thread; it is safe to read from many threads at once when its backend
 * declares {@link dev.qube.spi.ArenaFeature#CONCURRENT_READS} (the built-in ones do). {@link #close()} frees its arena at once (off-heap backends)
 * and makes every later use throw {@link IllegalStateException}; closing an input never affects a
 * result. Qubes that are never closed are reclaimed with their arena.
 *
 * <pre>{@code
 * try (Qube a = Qube.of("class=od,expver=0001,param=1", "class=od,expver=0001,param=2");
 *      Qube b = Qube.parse("root, class=od, expver=0001/0002, param=2")) {
 *     Qube u = a.union(b);              // 3 identifiers
 *     long n = u.select(Selection.parse("param=2")).count();   // 2
 * }
 * }</pre>
 */
public final class Qube implements AutoCloseable {

    static {
        dev.qube.internal.Access.install(new dev.qube.internal.Access.Grant() {
            @Override
            public Store store(Qube q) {
                return q.store;
            }

            @Override
            public int root(Qube q) {
                return q.root;
            }

            @Override
            public Qube qube(Store store, int root) {
                return new Qube(store, root);
            }

            @Override
            public void addChecked(QubeBuilder builder, String[] keys, String[] values, int length, int shared) {
                builder.addChecked(keys, values, length, shared);
            }

            @Override
            public Qube qube(Store store, int root, int metaRef) {
                return new Qube(store, root, metaRef);
            }

            @Override
            public Qube qube(Store store, int root, Meta meta) {
                return new Qube(store, root, meta);
            }

            @Override
            public Meta meta(Qube q) {
                return q.meta();
            }

            @Override
            public Ranks ranks(Qube q) {
                return q.ranks();
            }

            @Override
            public void addChecked(QubeBuilder builder, String[] keys, String[] values, int length, int shared, Metadata metadata) {
                builder.addChecked(keys, values, length, shared, metadata);
            }

            @Override
            public Qube withMeta(Qube q, Meta meta) {
                return Deep.run(q.depth() + 1, () -> compacted(q.store, q.root, meta.isEmpty() ? null : (t, r) -> meta));
            }
        });
    }

    private final Store store;
    private final int root;
    /** The metadata block in the arena, 0 for none. */
    private final int metaRef;
    private volatile Meta meta;
    private volatile Ranks ranks;
    private volatile BigInteger count;
    private volatile int depth = -1;

    Qube(Store store, int root) {
        this(store, root, Meta.NONE);
    }

    /** A qube over a writable store: the metadata is written into the arena, then the store is sealed. */
    Qube(Store store, int root, Meta meta) {
        this.metaRef = meta.isEmpty() ? 0 : store.writeBlob(meta.encode());
        store.seal();
        this.store = store;
        this.root = root;
        this.meta = meta;
    }

    /** A qube over sealed records (a binary image) whose metadata block, if any, is at {@code metaRef}. */
    Qube(Store store, int root, int metaRef) {
        store.seal();
        this.store = store;
        this.root = root;
        this.metaRef = metaRef;
        this.meta = metaRef == 0 ? Meta.NONE : null;
    }

    /** The metadata columns, decoded from the arena when first asked for. */
    Meta meta() {
        Meta m = meta;
        if (m == null) {
            store.checkOpen();
            try {
                meta = m = Meta.decode(store.blob(metaRef));
            } finally {
                Reference.reachabilityFence(this);
            }
        }
        return m;
    }

    /** Rank lookups of this qube, made when first asked for. */
    Ranks ranks() {
        Ranks r = ranks;
        if (r == null) {
            ranks = r = new Ranks(store, root);
        }
        return r;
    }

    // ------------------------------------------------------------------ construction

    /** The empty qube, on the default backend. */
    public static Qube empty() {
        return builder().build();
    }

    /** A qube of these identifiers ({@code "class=od,param=1"}), on the default backend. */
    public static Qube of(String... identifiers) {
        QubeBuilder b = builder();
        for (String id : identifiers) {
            b.add(id);
        }
        return b.build();
    }

    /** A qube of these identifiers, on the default backend. */
    public static Qube of(Iterable<Identifier> identifiers) {
        QubeBuilder b = builder();
        identifiers.forEach(b::add);
        return b.build();
    }

    /** The qube of one datacube. */
    public static Qube of(Datacube cube) {
        return builder().add(cube).build();
    }

    /** Parses the ASCII tree form (see {@link #toString()}); accepts non-canonical trees. */
    public static Qube parse(String ascii) {
        return parse(new StringReader(ascii), "<string>", null);
    }

    /**
     * Parses the ASCII tree form from {@code in}; errors name {@code source}, line and column.
     *
     * @param arena backend name, or null for the default
     * @throws QubeFormatException on malformed input
     */
    public static Qube parse(Reader in, String source, String arena) {
        TreeBuilder tb = treeBuilder(arena);
        try {
            Ascii.parse(in, source, tb.build);
            return tb.build();
        } catch (RuntimeException e) {
            tb.abandon();
            throw e;
        }
    }

    /** A builder on the default backend. */
    public static QubeBuilder builder() {
        return new QubeBuilder(newStore(null));
    }

    /** A builder on the backend of that name ({@code heap}, {@code offheap}, ...). */
    public static QubeBuilder builder(String arena) {
        return new QubeBuilder(newStore(arena));
    }

    /** A streaming builder of (possibly non-canonical) trees; {@code arena} null for the default. */
    public static TreeBuilder treeBuilder(String arena) {
        return new TreeBuilder(newStore(arena));
    }

    /**
     * Names of the memory backends found on the module or class path, sorted ({@code heap},
     * {@code offheap}, ...): the names {@link #builder(String)} and {@code -Dqube.arena} accept.
     */
    public static List<String> backends() {
        return List.copyOf(dev.qube.internal.Providers.arenaNames());
    }

    static Store newStore(String arena) {
        return dev.qube.internal.Access.newStore(arena);
    }

    private Store fresh() {
        return newStore(store.arenaName());
    }

    /**
     * The live DAG below {@code root} of {@code store}, copied into a fresh arena of the same backend;
     * {@code store} is closed either way. Builders call it when building left garbage behind.
     */
    static Qube compacted(Store store, int root) {
        return compacted(store, root, null);
    }

    /** {@link #compacted(Store, int)}, the metadata of the copy computed by {@code metaOf} (null: none). */
    static Qube compacted(Store store, int root, MetaFn metaOf) {
        Store compact = newStore(store.arenaName());
        try {
            int r = Copier.copy(store, root, compact);
            return new Qube(compact, r, metaOf == null ? Meta.NONE : metaOf.apply(compact, r));
        } catch (RuntimeException | Error e) {
            compact.arena().close();
            throw e;
        } finally {
            store.arena().close();
        }
    }

    /**
     * Runs {@code work} on a fresh store, on a deep stack when the inputs are deep; closes the store
     * if work fails, so nothing leaks and the inputs are untouched. The store is opened here, after
     * the arguments are evaluated: an argument that fails (say, {@link #depth()} of an input closed
     * by another thread) must not leave an open store behind.
     */
    private Qube produce(int depth, java.util.function.Supplier<Store> open, java.util.function.ToIntFunction<Store> work) {
        return produce(depth, open, work, null);
    }

    /** The metadata of a result (written in store {@code t}, root {@code root}) from its inputs'. */
    @FunctionalInterface
    interface MetaFn {
        Meta apply(Store t, int root);
    }

    /** {@link #produce(int, java.util.function.Supplier, java.util.function.ToIntFunction)}, with the result's metadata from {@code metaOf} (null: none). */
    private Qube produce(int depth, java.util.function.Supplier<Store> open, java.util.function.ToIntFunction<Store> work, MetaFn metaOf) {
        Store t = open.get();
        try {
            return Deep.run(depth + 1, () -> {
                int r = work.applyAsInt(t);
                return new Qube(t, r, metaOf == null ? Meta.NONE : metaOf(metaOf, t, r));
            });
        } catch (RuntimeException | Error e) {
            t.arena().close();
            throw e;
        }
    }

    /** Runs {@code metaOf}; ranks of identifiers must fit in a {@code long} for metadata. */
    private static Meta metaOf(MetaFn metaOf, Store t, int r) {
        try {
            return metaOf.apply(t, r);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("metadata is kept per identifier rank: a qube with metadata may hold at most "
                    + Long.MAX_VALUE + " identifiers");
        }
    }

    // ------------------------------------------------------------------ set algebra

    /** Identifiers in this qube or in {@code other}. */
    public Qube union(Qube other) {
        return combine(Combine.Op.UNION, other);
    }

    /** Identifiers in both. */
    public Qube intersect(Qube other) {
        return combine(Combine.Op.INTERSECT, other);
    }

    /** Identifiers in this qube and not in {@code other}. */
    public Qube minus(Qube other) {
        return combine(Combine.Op.MINUS, other);
    }

    /** Identifiers in exactly one of the two. */
    public Qube xor(Qube other) {
        return combine(Combine.Op.XOR, other);
    }

    private Qube combine(Combine.Op op, Qube other) {
        try {
            store.checkOpen();
            other.store.checkOpen();
            Meta ma = meta();
            Meta mb = other.meta();
            MetaFn metaOf = ma.isEmpty() && mb.isEmpty() ? null : (t, r) -> {
                // the rule: a result identifier holds what each input holds for it (minus: the left only)
                boolean minus = op == Combine.Op.MINUS;
                boolean intersect = op == Combine.Op.INTERSECT;
                Align al = Align.of(new Ranks(t, r), ranks(), minus ? null : other.ranks(), op == Combine.Op.UNION || intersect,
                        ma, minus ? Meta.NONE : mb, minus || intersect, intersect);
                return MetaOps.merge(al, ma, op == Combine.Op.MINUS ? Meta.NONE : mb);
            };
            return produce(Math.max(depth(), other.depth()), this::fresh, t -> new Combine(op, store, other.store, t).roots(root, other.root), metaOf);
        } finally {
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(other);
        }
    }

    /**
     * The union of many qubes in one pass, without quadratic rebuilding: small inputs are streamed
     * into one prefix tree and written once, large ones are copied and reduced pairwise; the result
     * is compacted into a fresh arena of the first qube's backend (the default when empty). Long
     * lists use the available processors (see {@link #union(Iterable, int)}).
     */
    public static Qube union(Iterable<Qube> qubes) {
        return union(qubes, Parallel.defaultThreads());
    }

    /**
     * {@link #union(Iterable)} on at most {@code threads} threads: a list of thousands of inputs is
     * cut into runs, each run is unioned on a thread of its own, then the runs' results are
     * unioned. The result does not depend on the number of threads. Each input is read by one
     * thread only (an input listed twice is read once), so this works on every backend, whether or
     * not it declares {@link dev.qube.spi.ArenaFeature#CONCURRENT_READS}.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static Qube union(Iterable<Qube> qubes, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        // each input once: a qube listed twice would otherwise be read by two threads at once, which
        // only a backend that declares ArenaFeature.CONCURRENT_READS allows (the union is the same)
        java.util.Set<Qube> once = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Qube> all = new ArrayList<>();
        for (Qube q : qubes) {
            if (once.add(java.util.Objects.requireNonNull(q, "a qube to union"))) {
                all.add(q);
            }
        }
        for (Qube q : all) {
            if (!q.meta().isEmpty()) {
                return unionPairwise(all);
            }
        }
        int runs = Math.min(threads, all.size() / PARALLEL_UNION_RUN);
        if (runs <= 1) {
            return unionOneThread(all);
        }
        List<java.util.concurrent.Callable<Qube>> tasks = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<Qube> run = all.subList(i * all.size() / runs, (i + 1) * all.size() / runs);
            tasks.add(() -> unionOneThread(run));
        }
        List<Qube> parts;
        try {
            parts = Parallel.run(tasks, Qube::close);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // no task reads anything
        } finally {
            Reference.reachabilityFence(all);
        }
        try {
            return unionOneThread(parts);
        } finally {
            parts.forEach(Qube::close);
        }
    }

    /** A many-way union of qubes some of which hold metadata: binary unions, reduced pairwise (balanced). */
    private static Qube unionPairwise(List<Qube> all) {
        List<Qube> level = all;
        boolean owned = false; // whether the qubes of level were made here (and must be closed)
        while (level.size() > 1) {
            List<Qube> next = new ArrayList<>((level.size() + 1) / 2);
            try {
                for (int i = 0; i + 1 < level.size(); i += 2) {
                    next.add(level.get(i).union(level.get(i + 1)));
                }
                if (level.size() % 2 == 1) {
                    Qube last = level.getLast();
                    next.add(owned ? last : last.copyTo(last.arenaName()));
                }
            } catch (RuntimeException | Error e) {
                next.forEach(Qube::close);
                throw e;
            } finally {
                if (owned) {
                    for (int i = 0; i < level.size() - level.size() % 2; i++) {
                        level.get(i).close();
                    }
                }
            }
            level = next;
            owned = true;
        }
        return owned ? level.getFirst() : level.getFirst().copyTo(level.getFirst().arenaName());
    }

    /** A many-way union is cut into runs of at least this many inputs, one run per thread. */
    private static final int PARALLEL_UNION_RUN = 1024;

    private static Qube unionOneThread(List<Qube> all) {
        if (all.isEmpty()) {
            return empty();
        }
        QubeBuilder b = new QubeBuilder(newStore(all.getFirst().store.arenaName()));
        try {
            for (Qube q : all) {
                q.store.checkOpen();
                if (q.countExact().compareTo(SMALL_UNION_INPUT) <= 0) {
                    // small inputs go through the builder's prefix tree: one canonical write for all of them
                    q.forEachIdentifier(c -> b.addChecked(c.keys, c.values, c.size, 0));
                } else {
                    b.addAll(q);
                }
            }
            return b.build();
        } catch (RuntimeException | Error e) {
            b.abandon();
            throw e;
        } finally {
            Reference.reachabilityFence(all); // the inputs stay reachable (and open) until the union is done
        }
    }

    /** Inputs of a many-way union with at most this many identifiers are streamed into one prefix tree. */
    private static final BigInteger SMALL_UNION_INPUT = BigInteger.valueOf(64);

    // ------------------------------------------------------------------ select and reshape

    /** {@link #select(Selection, SelectMode)} in {@link SelectMode#RELAXED} mode. */
    public Qube select(Selection selection) {
        return select(selection, SelectMode.RELAXED);
    }

    /** The identifiers that satisfy {@code selection} in the given mode (see {@link SelectMode}). */
    public Qube select(Selection selection, SelectMode mode) {
        try {
            store.checkOpen();
            Meta m = meta();
            MetaFn metaOf = m.isEmpty() ? null : (t, r) -> MetaOps.merge(Align.of(new Ranks(t, r), ranks(), null, false, m, Meta.NONE, true, false), m, Meta.NONE);
            return produce(depth(), this::fresh, t -> new Selector(store, t, selection, mode).root(root), metaOf);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** {@link #count(Selection, SelectMode)} in {@link SelectMode#RELAXED} mode. */
    public long count(Selection selection) {
        return count(selection, SelectMode.RELAXED);
    }

    /**
     * The number of identifiers {@link #select(Selection, SelectMode) select(selection, mode)}
     * holds, without making that qube: the same walk over the distinct nodes, writing nothing.
     *
     * @throws ArithmeticException if it exceeds {@link Long#MAX_VALUE} (use {@link #countExact(Selection, SelectMode)})
     */
    public long count(Selection selection, SelectMode mode) {
        return Walks.exactLong(countExact(selection, mode));
    }

    /** {@link #count(Selection, SelectMode)}, exact however large. */
    public BigInteger countExact(Selection selection, SelectMode mode) {
        try {
            store.checkOpen();
            return Deep.run(depth() + 1, () -> new Selector(store, null, selection, mode).count(root));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The keys of {@code selection} that select no value of this qube, in the selection's order:
     * keys that occur nowhere ({@link UnmatchedKey.Reason#ABSENT}, often a misspelling: in
     * {@link SelectMode#RELAXED} mode {@code parm=167} keeps every identifier), keys selected by a
     * range or typed condition none of whose values reads as that kind
     * ({@link UnmatchedKey.Reason#WRONG_KIND}: {@code time=0/to/600} is a range of integers, and
     * times written {@code 0000} are not integers), and keys none of whose values is selected
     * ({@link UnmatchedKey.Reason#NO_VALUE}). Empty when every selected key selects something.
     * Costs one walk over the distinct nodes (as {@link #axes()}) and one test per distinct value.
     */
    public java.util.List<UnmatchedKey> unmatchedKeys(Selection selection) {
        Map<String, SortedSet<String>> axes = axes();
        java.util.List<UnmatchedKey> out = new ArrayList<>();
        for (String key : selection.keys()) {
            SortedSet<String> values = axes.get(key);
            if (values == null) {
                String hint = dev.qube.internal.text.Spelling.closest(key, axes.keySet())
                        .map(k -> " (did you mean '" + k + "'?)").orElse("");
                out.add(new UnmatchedKey(key, UnmatchedKey.Reason.ABSENT, "key '" + key + "' occurs nowhere" + hint
                        + "; the keys are " + String.join(", ", axes.keySet())));
                continue;
            }
            boolean any = false;
            for (String v : values) {
                if (selection.accepts(key, v)) {
                    any = true;
                    break;
                }
            }
            if (any) {
                continue;
            }
            Set<String> kinds = selection.kindsOf(key);
            // of the selected kind only when every value reads as it: times 0000/0600/1200 are not
            // integers, though 1200 alone reads as one
            boolean ofKind = true;
            for (String v : values) {
                if (!kinds.isEmpty() && !Selection.readsAs(v, kinds)) {
                    ofKind = false;
                    break;
                }
            }
            String written = selection.conditionText(key);
            if (!ofKind) {
                out.add(new UnmatchedKey(key, UnmatchedKey.Reason.WRONG_KIND, written + " selects "
                        + kindWords(kinds) + ", but the values of " + key + " are " + kindsFound(values, kinds)
                        + " (" + sample(values) + "): nothing matched"));
            } else {
                out.add(new UnmatchedKey(key, UnmatchedKey.Reason.NO_VALUE, written + " selects none of the "
                        + values.size() + (values.size() == 1 ? " value" : " values") + " of " + key + " (" + sample(values) + ")"));
            }
        }
        return List.copyOf(out);
    }

    private static String kindWords(Set<String> kinds) {
        List<String> w = new ArrayList<>();
        kinds.forEach(k -> w.add(k + "s"));
        return String.join(" or ", w);
    }

    /**
     * What the values are: the first of integers, dates, times (not among {@code selected}) that
     * every value reads as; else the kinds of the values one by one (integers, dates, times, texts).
     */
    private static String kindsFound(Collection<String> values, Set<String> selected) {
        for (String kind : List.of("integer", "date", "time")) {
            if (!selected.contains(kind) && values.stream().allMatch(v -> Selection.readsAs(v, Set.of(kind)))) {
                return kind + "s";
            }
        }
        Set<String> found = new java.util.HashSet<>();
        for (String v : values) {
            found.add(Selection.readsAs(v, Set.of("integer")) ? "integers"
                    : Selection.readsAs(v, Set.of("date")) ? "dates"
                    : Selection.readsAs(v, Set.of("time")) ? "times" : "texts");
        }
        List<String> order = new ArrayList<>(List.of("integers", "dates", "times", "texts"));
        order.retainAll(found);
        return String.join(" and ", order);
    }

    private static String sample(Collection<String> values) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (String v : values) {
            if (i == 3) {
                return b.append(", ...").toString();
            }
            b.append(i++ == 0 ? "" : ", ").append(v);
        }
        return b.toString();
    }

    /** Every identifier with the pairs of these keys removed; identifiers that collide merge, empty ones vanish. */
    public Qube drop(String... keys) {
        return drop(Arrays.asList(keys));
    }

    /** See {@link #drop(String...)}. */
    public Qube drop(Collection<String> keys) {
        try {
            store.checkOpen();
            Set<String> set = new HashSet<>(keys);
            Meta m = meta();
            MetaFn metaOf = m.isEmpty() ? null : (t, r) -> MetaOps.dropped(ranks(), m, new Ranks(t, r), set);
            return produce(depth(), this::fresh, t -> Reshape.drop(store, root, set, t), metaOf);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Drops every key that takes exactly one value in the whole qube. */
    public Qube squeeze() {
        List<String> single = new ArrayList<>();
        axes().forEach((k, v) -> {
            if (v.size() == 1) {
                single.add(k);
            }
        });
        return drop(single);
    }

    /** Prefixes every identifier with {@code key=v}, for each of {@code values} (not empty). */
    public Qube expand(String key, Collection<String> values) {
        try {
            store.checkOpen();
            Text.checkKey(key);
            TreeSet<String> sorted = new TreeSet<>(ValueOrder.INSTANCE);
            for (String v : values) {
                sorted.add(Text.checkValue(v));
            }
            if (sorted.isEmpty()) {
                throw new IllegalArgumentException("expand needs at least one value");
            }
            if (axes().containsKey(key)) {
                throw new IllegalArgumentException("key '" + key + "' is already used; a key appears once per identifier");
            }
            Meta m = meta();
            MetaFn metaOf = m.isEmpty() ? null : (t, r) -> MetaOps.repeat(m, count(), sorted.size());
            return produce(depth() + 1, this::fresh, t -> Reshape.expand(store, root, key, new ArrayList<>(sorted), t), metaOf);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Every identifier with its keys reordered: the keys named in {@code order} come first, in that
     * order, and the other keys follow in their relative order. A set operation on identifiers
     * ({@code class=od,param=1} with order {@code [param]} becomes {@code param=1,class=od});
     * identifiers that become equal merge. Key order is part of an identifier, so listings that
     * hold the same fields with keys in different orders (FDB's compact and porcelain listings)
     * only compare equal, unite and intersect as a user expects after both are reordered the same
     * way. Works datacube by datacube: the cost grows with the datacubes, not the identifiers.
     *
     * @param order the keys to put first, each at most once (keys the qube lacks are ignored)
     * @throws IllegalArgumentException if {@code order} names a key twice or holds an invalid key
     */
    public Qube reorderKeys(List<String> order) {
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (String k : order) {
            Text.checkKey(k);
            if (rank.putIfAbsent(k, rank.size()) != null) {
                throw new IllegalArgumentException("key '" + k + "' is named twice in the key order " + order);
            }
        }
        try {
            store.checkOpen();
            QubeBuilder b = new QubeBuilder(fresh());
            try {
                datacubes().forEach(cube -> b.add(reordered(cube, rank)));
                return b.build();
            } catch (RuntimeException | Error e) {
                b.abandon();
                throw e;
            }
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    private static Datacube reordered(Datacube cube, Map<String, Integer> rank) {
        List<String> keys = new ArrayList<>(cube.axes().keySet());
        List<String> sorted = new ArrayList<>(keys);
        // stable: named keys by their rank, first; the others after them, in path order
        sorted.sort(java.util.Comparator.comparingInt(k -> rank.getOrDefault(k, Integer.MAX_VALUE)));
        if (sorted.equals(keys)) {
            return cube;
        }
        java.util.LinkedHashMap<String, List<String>> axes = new java.util.LinkedHashMap<>();
        for (String k : sorted) {
            axes.put(k, cube.axes().get(k));
        }
        return Datacube.of(axes);
    }

    /** Copies this qube into a fresh arena of the named backend. */
    public Qube copyTo(String arena) {
        try {
            store.checkOpen();
            Meta m = meta();
            return produce(depth(), () -> newStore(arena), t -> Copier.copy(store, root, t), m.isEmpty() ? null : (t, r) -> m);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    // ------------------------------------------------------------------ queries

    /** Whether the identifier ({@code k=v,k=v}) is in this qube. */
    public boolean contains(String identifier) {
        return contains(Identifier.parse(identifier));
    }

    /** Whether the identifier is in this qube. */
    public boolean contains(Identifier identifier) {
        try {
            store.checkOpen();
            return Walks.contains(store, root, identifier.pairs());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Whether the qube holds no identifier. */
    public boolean isEmpty() {
        try {
            store.checkOpen();
            return store.childCount(root) == 0;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Number of identifiers, computed in O(unique nodes).
     *
     * @throws ArithmeticException if it exceeds {@link Long#MAX_VALUE} (use {@link #countExact()})
     */
    public long count() {
        return Walks.exactLong(countExact());
    }

    /** Exact number of identifiers, however large. */
    public BigInteger countExact() {
        try {
            store.checkOpen();
            BigInteger c = count;
            if (c == null) {
                count = c = Walks.count(store, root);
            }
            return c;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Nodes of the canonical tree, root included (the way qubed counts nodes). */
    public BigInteger treeNodeCount() {
        try {
            store.checkOpen();
            return Walks.treeNodes(store, root);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Nodes stored, root included: each distinct subtree once. */
    public int nodeCount() {
        try {
            store.checkOpen();
            return Walks.uniqueNodeCount(store, root);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Length of the longest identifier (0 when empty). */
    public int depth() {
        try {
            store.checkOpen();
            int d = depth;
            if (d < 0) {
                depth = d = Walks.depth(store, root);
            }
            return d;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Bytes of arena memory this qube uses. */
    public long bytesInUse() {
        try {
            store.checkOpen();
            return store.arena().bytesInUse();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Name of the backend holding this qube. */
    public String arenaName() {
        return store.arenaName();
    }

    /** Every identifier, lazily, in canonical order ({@link Identifier#compareTo}). */
    public Stream<Identifier> identifiers() {
        store.checkOpen();
        return Traversal.identifiers(store, root, Identifier::ofQubePath);
    }

    /**
     * Calls {@code action} for every identifier, in canonical order, with one reused cursor: the
     * fast way to stream all identifiers (no object per identifier).
     */
    public void forEachIdentifier(java.util.function.Consumer<IdentifierCursor> action) {
        try {
            store.checkOpen();
            IdentifierCursor cursor = new IdentifierCursor();
            Meta m = meta();
            cursor.meta(m);
            Traversal.forEach(store, root, (keys, values, size) -> {
                cursor.keys = keys;
                cursor.values = values;
                cursor.size = size;
                action.accept(cursor);
                cursor.rank++;
            });
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The dense datacubes of the canonical tree, one per node where identifiers end, in tree order. */
    public Stream<Datacube> datacubes() {
        store.checkOpen();
        return Traversal.datacubes(store, root);
    }

    /** Every key, each with every value it takes anywhere; keys by code point, values canonical. */
    public Map<String, SortedSet<String>> axes() {
        try {
            store.checkOpen();
            return Walks.axes(store, root);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The distinct key orders of the identifiers: each sequence of keys (in path order) that some
     * identifier has, with how many identifiers have it, in tree order. Two qubes that hold the
     * same keys in different sequences hold identifiers that can never match (key order is part
     * of an identifier); {@link #reorderKeys} puts them in one order. Costs one pass over the
     * distinct nodes, not the identifiers.
     */
    public Map<List<String>, BigInteger> keyOrders() {
        try {
            store.checkOpen();
            return Deep.run(depth(), () -> Walks.keyOrders(store, root));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The keys used anywhere, by code point. */
    public Set<String> keys() {
        return axes().keySet();
    }

    /** A read-only view of the root of the canonical tree. */
    public QubeNode root() {
        store.checkOpen();
        return new QubeNode(store, root);
    }

    /**
     * The ASCII tree, cut at {@code maxDepth} levels (negative: all) and labels at {@code width}
     * characters (negative: whole). A line whose children were cut ends with
     * {@code [N children not shown]}; a cut label ends with {@code ...}.
     */
    public String toAscii(int maxDepth, int width) {
        try {
            store.checkOpen();
            StringBuilder b = new StringBuilder();
            Deep.run(depth(), () -> {
                Ascii.print(store, root, b, maxDepth, width);
                return null;
            });
            return b.toString();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Writes the whole ASCII tree. */
    public void writeAscii(Appendable out) {
        try {
            store.checkOpen();
            Deep.run(depth(), () -> {
                Ascii.print(store, root, out, -1, -1);
                return null;
            });
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    // ------------------------------------------------------------------ metadata

    /** Whether any identifier carries metadata. */
    public boolean hasMetadata() {
        try {
            store.checkOpen();
            return !meta().isEmpty();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The metadata keys used anywhere, in code-point order. */
    public List<String> metadataKeys() {
        try {
            store.checkOpen();
            return meta().keys();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** {@link #metadata(Identifier)} of an identifier in text form. */
    public java.util.Optional<Metadata> metadata(String identifier) {
        return metadata(Identifier.parse(identifier));
    }

    /**
     * The metadata of one identifier ({@link Metadata#EMPTY} when it has none), or empty when this
     * qube does not hold the identifier. O(depth × log siblings).
     */
    public java.util.Optional<Metadata> metadata(Identifier identifier) {
        try {
            store.checkOpen();
            Meta m = meta();
            int n = identifier.size();
            String[] k = new String[n];
            String[] v = new String[n];
            for (int i = 0; i < n; i++) {
                k[i] = identifier.key(i);
                v[i] = identifier.value(i);
            }
            if (m.isEmpty()) {
                return Walks.contains(store, root, identifier.pairs()) ? java.util.Optional.of(Metadata.EMPTY) : java.util.Optional.empty();
            }
            long rank = Deep.run(depth(), () -> ranks().rankOf(k, v, n));
            if (rank < 0) {
                return java.util.Optional.empty();
            }
            Map<String, List<String>> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) {
                List<String> set = m.column(i).at(rank);
                if (set != null) {
                    out.put(m.column(i).key(), set);
                }
            }
            return java.util.Optional.of(Metadata.of(out));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The distinct texts of metadata key {@code key}, in canonical order, each with the number of
     * identifiers that hold it (empty when no identifier has the key). O(runs).
     */
    public Map<String, Long> metadataValues(String key) {
        try {
            store.checkOpen();
            Meta.Column c = meta().column(key);
            java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>(ValueOrder.INSTANCE);
            if (c != null) {
                for (int i = 0; i < c.runs(); i++) {
                    if (c.ids()[i] >= 0) {
                        long len = c.ends()[i] - c.start(i);
                        for (String t : c.dict()[c.ids()[i]]) {
                            counts.merge(t, len, Long::sum);
                        }
                    }
                }
            }
            return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Bytes the metadata takes in the arena (0 without metadata). */
    public long metadataBytes() {
        try {
            store.checkOpen();
            Meta m = meta();
            return m.isEmpty() ? 0 : 4 + ((m.encode().length + 3L) & ~3L);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Number of runs of the run-length encoded metadata columns, all keys together. */
    public long metadataRuns() {
        try {
            store.checkOpen();
            return meta().runCount();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** This qube with metadata key {@code key} set to {@code values} on every identifier (replacing what the key held). */
    public Qube withMetadata(String key, String... values) {
        return withMetadata(key, Arrays.asList(values));
    }

    /** See {@link #withMetadata(String, String...)}. */
    public Qube withMetadata(String key, Collection<String> values) {
        try {
            store.checkOpen();
            List<String> set = Metadata.of(Map.of(key, values)).get(key);
            long n = count();
            Meta m = MetaOps.overlay(meta(), key, set, new long[] {0}, new long[] {n}, n > 0 ? 1 : 0);
            return produce(depth(), this::fresh, t -> Copier.copy(store, root, t), (t, r) -> m);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * This qube with metadata key {@code key} set to {@code values} on the identifiers that
     * {@code selection} selects ({@link SelectMode#RELAXED}), replacing what the key held there;
     * other identifiers keep theirs.
     */
    public Qube withMetadata(Selection selection, String key, Collection<String> values) {
        try {
            store.checkOpen();
            List<String> set = Metadata.of(Map.of(key, values)).get(key);
            Meta m;
            try (Qube bare = withoutMetadata(); Qube chosen = bare.select(selection)) {
                Align al = Deep.run(depth(), () -> Align.of(chosen.ranks(), ranks(), null, false));
                m = MetaOps.overlay(meta(), key, set, al.a, al.len, al.size);
            }
            return produce(depth(), this::fresh, t -> Copier.copy(store, root, t), (t, r) -> m);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The same identifiers without any metadata. */
    public Qube withoutMetadata() {
        return keepMetadata(List.of());
    }

    /** The same identifiers with only the metadata of the given keys. */
    public Qube keepMetadata(Collection<String> keys) {
        try {
            store.checkOpen();
            Meta m = meta().keep(Set.copyOf(keys));
            return produce(depth(), this::fresh, t -> Copier.copy(store, root, t), m.isEmpty() ? null : (t, r) -> m);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The identifiers whose metadata key {@code key} holds one of {@code values}, with their metadata. */
    public Qube selectMetadata(String key, Collection<String> values) {
        Set<String> wanted = Set.copyOf(values);
        return selectRanks(MetaOps.where(meta().column(key), set -> {
            for (String v : set) {
                if (wanted.contains(v)) {
                    return true;
                }
            }
            return false;
        }));
    }

    /** See {@link #selectMetadata(String, Collection)}. */
    public Qube selectMetadata(String key, String... values) {
        return selectMetadata(key, Arrays.asList(values));
    }

    /** The identifiers without metadata key {@code key}, with their metadata. */
    public Qube selectWithoutMetadata(String key) {
        try {
            store.checkOpen();
            return selectRanks(MetaOps.absent(meta().column(key), count()));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    private Qube selectRanks(MetaOps.Ranges ranges) {
        try {
            store.checkOpen();
            Meta m = meta();
            MetaFn metaOf = m.isEmpty() ? null : (t, r) -> MetaOps.merge(Align.of(new Ranks(t, r), ranks(), null, false, m, Meta.NONE, true, false), m, Meta.NONE);
            return produce(depth(), this::fresh, t -> MetaOps.filter(ranks(), ranges, t), metaOf);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * For each text of metadata key {@code key} (canonical order), the qube of the identifiers
     * that hold it, with their metadata. An identifier holding several texts is in several parts;
     * identifiers without the key are in none ({@link #selectWithoutMetadata}).
     */
    public Map<String, Qube> partitionByMetadata(String key) {
        Map<String, Qube> out = new java.util.LinkedHashMap<>();
        try {
            for (String v : metadataValues(key).keySet()) {
                out.put(v, selectMetadata(key, List.of(v)));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.values().forEach(Qube::close);
            throw e;
        }
    }

    // ------------------------------------------------------------------ lifecycle and identity

    /** Frees the arena; idempotent. Later use of this qube throws {@link IllegalStateException}. */
    @Override
    public void close() {
        store.arena().close();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        try {
            return store.arena().isClosed();
        } catch (IllegalStateException e) {
            return false; // open, but unusable (a mapped file that changed): its operations say so
        }
    }

    /** For the engine's own packages (formats): the store and root. */
    Store store() {
        return store;
    }

    int rootRef() {
        return root;
    }

    /**
     * Equal iff both hold the same identifiers with the same metadata, whatever their backends
     * (see {@link #sameIdentifiers} to compare identifiers only).
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Qube q) || !sameIdentifiers(q)) {
            return false;
        }
        try {
            return this == o || meta().equals(q.meta());
        } finally {
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(o);
        }
    }

    /** Whether both hold the same identifiers, whatever their metadata and backends. */
    public boolean sameIdentifiers(Qube o) {
        try {
            if (this == o) {
                return true;
            }
            Qube q = o;
            store.checkOpen();
            q.store.checkOpen();
            if (store.hash(root) != q.store.hash(q.root)) {
                return false; // structural hashes are defined on texts: different hashes, different sets
            }
            return Deep.run(Math.max(depth(), q.depth()), () -> Walks.equal(store, root, q.store, q.root));
        } finally {
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(o);
        }
    }

    /**
     * A structural hash defined on texts, of the identifiers and the metadata; a qube without
     * metadata hashes as it always did.
     */
    @Override
    public int hashCode() {
        try {
            store.checkOpen();
            long h = store.hash(root) ^ meta().hash();
            return (int) (h ^ (h >>> 32));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The whole ASCII tree of the identifiers, lossless for them: {@link #parse(String)} reads it back
     * to a qube with the same identifiers (equal when this qube has no metadata; metadata is not
     * shown here, see {@link #metadataValues} and the {@code ids} format).
     */
    @Override
    public String toString() {
        return toAscii(-1, -1);
    }
}
