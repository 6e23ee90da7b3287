package dev.qube;

import dev.qube.internal.Ascii;
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
 * <p>A qube <em>is</em> its identifier set: {@link #equals} and {@link #hashCode} depend only on
 * the identifiers, on every backend. Every operation returns a new qube in canonical form, in a
 * fresh arena of the same backend as the receiver; inputs are never changed. A qube is immutable
 * and safe to read from many threads. {@link #close()} frees its arena at once (off-heap backends)
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
        });
    }

    private final Store store;
    private final int root;
    private volatile BigInteger count;
    private volatile int depth = -1;

    Qube(Store store, int root) {
        store.seal();
        this.store = store;
        this.root = root;
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
        Store compact = newStore(store.arenaName());
        try {
            return new Qube(compact, Copier.copy(store, root, compact));
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
        Store t = open.get();
        try {
            return new Qube(t, Deep.run(depth + 1, () -> work.applyAsInt(t)));
        } catch (RuntimeException | Error e) {
            t.arena().close();
            throw e;
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
            return produce(Math.max(depth(), other.depth()), this::fresh, t -> new Combine(op, store, other.store, t).roots(root, other.root));
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
     * unioned. The result does not depend on the number of threads.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static Qube union(Iterable<Qube> qubes, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        List<Qube> all = new ArrayList<>();
        qubes.forEach(all::add);
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
            return produce(depth(), this::fresh, t -> new Selector(store, t, selection, mode).root(root));
        } finally {
            Reference.reachabilityFence(this);
        }
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
            return produce(depth(), this::fresh, t -> Reshape.drop(store, root, set, t));
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
            return produce(depth() + 1, this::fresh, t -> Reshape.expand(store, root, key, new ArrayList<>(sorted), t));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Copies this qube into a fresh arena of the named backend. */
    public Qube copyTo(String arena) {
        try {
            store.checkOpen();
            return produce(depth(), () -> newStore(arena), t -> Copier.copy(store, root, t));
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
            return Walks.uniqueNodes(store, root).size();
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
        return Traversal.identifiers(store, root);
    }

    /**
     * Calls {@code action} for every identifier, in canonical order, with one reused cursor: the
     * fast way to stream all identifiers (no object per identifier).
     */
    public void forEachIdentifier(java.util.function.Consumer<IdentifierCursor> action) {
        try {
            store.checkOpen();
            IdentifierCursor cursor = new IdentifierCursor();
            Traversal.forEach(store, root, (keys, values, size) -> {
                cursor.keys = keys;
                cursor.values = values;
                cursor.size = size;
                action.accept(cursor);
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

    /** The keys used anywhere, by code point. */
    public Set<String> keys() {
        return axes().keySet();
    }

    /** A read-only view of the root of the canonical tree. */
    public QubeNode root() {
        store.checkOpen();
        return new QubeNode(store, root);
    }

    /** The ASCII tree, cut at {@code maxDepth} levels (negative: all) and labels at {@code width} characters (negative: whole). */
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

    /** Equal iff both hold the same identifiers, whatever their backends. */
    @Override
    public boolean equals(Object o) {
        try {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Qube q)) {
                return false;
            }
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

    /** Depends only on the identifiers (a structural hash defined on texts). */
    @Override
    public int hashCode() {
        try {
            store.checkOpen();
            long h = store.hash(root);
            return (int) (h ^ (h >>> 32));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The whole ASCII tree, lossless: {@link #parse(String)} reads it back to an equal qube. */
    @Override
    public String toString() {
        return toAscii(-1, -1);
    }
}
