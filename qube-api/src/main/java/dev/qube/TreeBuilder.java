package dev.qube;

import dev.qube.internal.Deep;
import dev.qube.internal.Store;
import dev.qube.internal.TreeBuild;
import java.util.List;

/**
 * Builds a qube from a tree given depth-first, as a reader of a tree format streams it: {@link
 * #begin} a node, its children, {@link #end}. Each node is written canonically as soon as it ends,
 * so only the open path is held in Java memory. The tree may be non-canonical (repeated keys among
 * siblings, overlapping values): the qube is the set of its root-to-node paths that end an
 * identifier. A node without children ends an identifier; {@link #markEndsIdentifier} makes an
 * inner node end one as well. A tree that needed merging is compacted into a fresh arena by
 * {@link #build()}, so the qube holds only its live bytes. Not thread-safe.
 */
public final class TreeBuilder {

    private final Store store;
    final TreeBuild build;
    private boolean done;

    TreeBuilder(Store store) {
        this.store = store;
        this.build = new TreeBuild(store);
    }

    /**
     * Opens a node below the current one.
     *
     * @throws IllegalArgumentException for an invalid key or value, or a key already on the path
     */
    public TreeBuilder begin(String key, List<String> values) {
        check();
        dev.qube.internal.Text.checkKey(key);
        values.forEach(dev.qube.internal.Text::checkValue);
        build.begin(key, values);
        return this;
    }

    /** Marks the open node as ending an identifier even though it has children. */
    public TreeBuilder markEndsIdentifier() {
        check();
        build.markTerminal();
        return this;
    }

    /** Closes the open node. */
    public TreeBuilder end() {
        check();
        build.end();
        return this;
    }

    /** Number of open nodes. */
    public int depth() {
        return build.depth();
    }

    /** Closes any open nodes and returns the qube. */
    public Qube build() {
        check();
        done = true;
        int root;
        try {
            root = build.finish();
        } catch (RuntimeException | Error e) {
            store.arena().close();
            throw e;
        }
        if (!build.merged()) {
            return new Qube(store, root);
        }
        // a non-canonical tree (repeated keys, overlapping values) was merged: what it was first
        // written as is garbage, often most of the arena; keep only the live DAG
        return Deep.run(build.deepest() + 1, () -> Qube.compacted(store, root));
    }

    /** Gives up: frees what was written. Harmless after {@link #build()}. */
    public void abandon() {
        if (!done) {
            done = true;
            store.arena().close();
        }
    }

    private void check() {
        if (done) {
            throw new IllegalStateException("this builder is finished");
        }
    }
}
