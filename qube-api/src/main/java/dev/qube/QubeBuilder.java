package dev.qube;

import dev.qube.internal.Combine;
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
        if (parts.size() <= 1) {
            int[] top = parts.isEmpty() ? new int[0] : parts.getFirst();
            return new Qube(store, store.writeRoot(top, top.length));
        }
        int[] top = new Combine(Combine.Op.UNION, store, store, store).unionAll(parts);
        int r = store.writeRoot(top, top.length);
        // the parts and intermediate unions are garbage now: keep only the live DAG
        return Qube.compacted(store, r);
    }
}
