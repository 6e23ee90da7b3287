package dev.qube;

import dev.qube.internal.Align;
import dev.qube.internal.Combine;
import dev.qube.internal.Meta;
import dev.qube.internal.MetaOps;
import dev.qube.internal.Ranks;
import dev.qube.internal.Copier;
import dev.qube.internal.Deep;
import dev.qube.internal.Store;
import dev.qube.internal.Trie;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects identifiers and datacubes, in any order and with repeats, and builds one canonical
 * qube. Identifiers go through a prefix tree that is written to the arena in batches (so memory
 * stays bounded for long listings); datacubes are written directly, never expanded. Not
 * thread-safe; one {@link #build()} per builder.
 */
public final class QubeBuilder {

    /** Identifiers held in Java memory before a batch is written to the arena. */
    static final int BATCH = 1 << 20;

    private final Store store;
    private final Trie trie = new Trie();
    private final List<int[]> parts = new ArrayList<>();
    private final String[] keys = new String[64];
    private final String[] values = new String[64];
    private boolean built;
    private int longest;

    // metadata: identifiers with metadata (pairs k,v,k,v...) and an index into mds; datacubes and qubes with metadata
    private final List<String[]> metaIds = new ArrayList<>();
    private int[] metaOf = new int[16];
    private final Map<Metadata, Integer> mdIndex = new java.util.HashMap<>();
    private final List<Metadata> mds = new ArrayList<>();
    private final List<Datacube> metaCubes = new ArrayList<>();
    private final List<Metadata> metaCubeMd = new ArrayList<>();
    private final List<Qube> metaQubes = new ArrayList<>();

    QubeBuilder(Store store) {
        this.store = store;
    }

    /** Adds an identifier in text form, {@code k=v,k=v}. */
    public QubeBuilder add(String identifier) {
        return add(Identifier.parse(identifier));
    }

    /** Adds an identifier. */
    public QubeBuilder add(Identifier id) {
        check();
        int n = id.size();
        String[] k = n <= keys.length ? keys : new String[n];
        String[] v = n <= values.length ? values : new String[n];
        for (int i = 0; i < n; i++) {
            k[i] = id.key(i);
            v[i] = id.value(i);
        }
        trie.add(k, v, n);
        longest = Math.max(longest, n);
        if (trie.size() >= BATCH) {
            flush();
        }
        return this;
    }

    /**
     * The fast way in for format readers (through {@code Access}): pairs already checked by the
     * caller (valid, non-empty texts; distinct keys), with no {@link Identifier} made; the first
     * {@code shared} pairs are those of the identifier added just before.
     */
    void addChecked(String[] k, String[] v, int n, int shared) {
        check();
        trie.add(k, v, n, shared);
        longest = Math.max(longest, n);
        if (trie.size() >= BATCH) {
            flush();
        }
    }

    /** Adds an identifier in text form with metadata of one text per key ({@code Map.of("location", "lumi")}). */
    public QubeBuilder add(String identifier, Map<String, String> metadata) {
        return add(Identifier.parse(identifier), Metadata.ofSingle(metadata));
    }

    /**
     * Adds an identifier with its metadata. Adding an identifier again unions the metadata of
     * each time it was added (per key, the union of the texts).
     */
    public QubeBuilder add(Identifier id, Metadata metadata) {
        add(id);
        if (!metadata.isEmpty()) {
            String[] kv = new String[id.size() * 2];
            for (int i = 0; i < id.size(); i++) {
                kv[2 * i] = id.key(i);
                kv[2 * i + 1] = id.value(i);
            }
            remember(kv, metadata);
        }
        return this;
    }

    private void remember(String[] kv, Metadata metadata) {
        Integer m = mdIndex.get(metadata);
        if (m == null) {
            m = mds.size();
            mds.add(metadata);
            mdIndex.put(metadata, m);
        }
        if (metaIds.size() == metaOf.length) {
            metaOf = java.util.Arrays.copyOf(metaOf, metaOf.length * 2);
        }
        metaOf[metaIds.size()] = m;
        metaIds.add(kv);
    }

    /** {@link #addChecked(String[], String[], int, int)} with the identifier's metadata. */
    void addChecked(String[] k, String[] v, int n, int shared, Metadata metadata) {
        addChecked(k, v, n, shared);
        if (!metadata.isEmpty()) {
            String[] kv = new String[n * 2];
            for (int i = 0; i < n; i++) {
                kv[2 * i] = k[i];
                kv[2 * i + 1] = v[i];
            }
            remember(kv, metadata);
        }
    }

    /** Adds every identifier of a datacube (without expanding it), each with this metadata. */
    public QubeBuilder add(Datacube cube, Metadata metadata) {
        add(cube);
        if (!metadata.isEmpty()) {
            metaCubes.add(cube);
            metaCubeMd.add(metadata);
        }
        return this;
    }

    /** Adds an identifier given as pairs in path order. */
    public QubeBuilder add(List<? extends Map.Entry<String, String>> pairs) {
        return add(Identifier.of(pairs));
    }

    /** Adds every identifier of a datacube (without expanding it). */
    public QubeBuilder add(Datacube cube) {
        check();
        List<Map.Entry<String, List<String>>> axes = new ArrayList<>(cube.axes().entrySet());
        int[] below = new int[0];
        for (int i = axes.size() - 1; i >= 0; i--) {
            int vs = store.writeValues(axes.get(i).getValue());
            int node = store.writeNode(store.localKey(axes.get(i).getKey()), vs, i == axes.size() - 1, below, below.length);
            below = new int[] {node};
        }
        parts.add(below);
        longest = Math.max(longest, axes.size());
        return this;
    }

    /** Adds every identifier of another qube. */
    public QubeBuilder addAll(Qube other) {
        check();
        other.store().checkOpen();
        longest = Math.max(longest, other.depth());
        parts.add(Deep.run(other.depth(), () -> Copier.root(other.store(), other.rootRef(), store)));
        if (other.hasMetadata()) {
            metaQubes.add(other); // its metadata is carried over at build(): it must stay open until then
        }
        return this;
    }

    private void check() {
        if (built) {
            throw new IllegalStateException("build() was already called");
        }
        store.checkOpen();
    }

    private void flush() {
        if (trie.size() > 0) {
            parts.add(Deep.run(longest, () -> trie.writeTo(store)));
        }
    }

    /** Gives up: frees what was written so far. Harmless after {@link #build()}. */
    public void abandon() {
        if (!built) {
            built = true;
            store.arena().close();
        }
    }

    /** The canonical qube of everything added; the builder cannot be used afterwards. */
    public Qube build() {
        check();
        built = true;
        try {
            return Deep.run(longest + 1, this::finish);
        } catch (RuntimeException | Error e) {
            store.arena().close();
            throw e;
        }
    }

    private Qube finish() {
        flush();
        Qube.MetaFn metaOf = metaIds.isEmpty() && metaCubes.isEmpty() && metaQubes.isEmpty() ? null : this::metadata;
        if (parts.size() <= 1) {
            int[] top = parts.isEmpty() ? new int[0] : parts.getFirst();
            int r = store.writeRoot(top, top.length);
            return new Qube(store, r, metaOf == null ? Meta.NONE : metaOf.apply(store, r));
        }
        int[] top = new Combine(Combine.Op.UNION, store, store, store).unionAll(parts);
        int r = store.writeRoot(top, top.length);
        // the parts and intermediate unions are garbage now: keep only the live DAG
        return Qube.compacted(store, r, metaOf);
    }

    /** The metadata of the built qube (store {@code t}, root {@code root}) from everything added with metadata. */
    private Meta metadata(Store t, int root) {
        Ranks rt = new Ranks(t, root);
        long count = rt.count();
        Meta acc = Meta.NONE;
        if (!metaIds.isEmpty()) {
            int n = metaIds.size();
            long[] ranks = new long[n];
            String[] k = new String[longest];
            String[] v = new String[longest];
            for (int i = 0; i < n; i++) {
                String[] kv = metaIds.get(i);
                int len = kv.length / 2;
                for (int j = 0; j < len; j++) {
                    k[j] = kv[2 * j];
                    v[j] = kv[2 * j + 1];
                }
                ranks[i] = rt.rankOf(k, v, len);
                if (ranks[i] < 0) {
                    throw new IllegalStateException("an identifier added with metadata is missing from the built qube");
                }
            }
            List<Map<String, List<String>>> sets = new ArrayList<>();
            for (Metadata m : mds) {
                sets.add(m.lists());
            }
            acc = MetaOps.fromEntries(ranks, metaOf, n, sets);
        }
        for (int i = 0; i < metaCubes.size(); i++) {
            try (Qube cube = Qube.builder(t.arenaName()).add(metaCubes.get(i)).build()) {
                Align al = Align.of(cube.ranks(), rt, null, false);
                acc = MetaOps.unionSame(acc, MetaOps.transport(al, MetaOps.whole(metaCubeMd.get(i).lists(), cube.count())), count);
            }
        }
        for (Qube q : metaQubes) {
            q.store().checkOpen();
            Align al = Align.of(q.ranks(), rt, null, false);
            acc = MetaOps.unionSame(acc, MetaOps.transport(al, q.meta()), count);
        }
        return acc;
    }
}
