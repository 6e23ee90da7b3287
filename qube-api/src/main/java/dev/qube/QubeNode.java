package dev.qube;

import dev.qube.internal.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of one node of a qube's canonical tree, for code that walks the tree itself
 * (writers of other formats, say). The root has key {@code root} and no values. Views are cheap
 * and made on demand; they fail with {@link IllegalStateException} once the qube is closed.
 */
public final class QubeNode {
    private final Store store;
    private final int ref;

    QubeNode(Store store, int ref) {
        this.store = store;
        this.ref = ref;
    }

    /** Whether this is the root. */
    public boolean isRoot() {
        store.checkOpen();
        return store.key(ref) < 0;
    }

    /** The key ({@code root} for the root). */
    public String key() {
        return isRoot() ? "root" : store.keyTextOf(ref);
    }

    /** The values in canonical order (empty for the root). */
    public List<String> values() {
        return isRoot() ? List.of() : List.copyOf(store.values(store.valueSet(ref)));
    }

    /** Whether identifiers end at this node (also when it has children). */
    public boolean endsIdentifier() {
        return !isRoot() && store.terminal(ref);
    }

    /** Children in canonical order. */
    public List<QubeNode> children() {
        store.checkOpen();
        int n = store.childCount(ref);
        List<QubeNode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new QubeNode(store, store.child(ref, i)));
        }
        return out;
    }

    /** Whether the two views stand for the same stored subtree (of the same qube). */
    @Override
    public boolean equals(Object o) {
        return o instanceof QubeNode n && n.store == store && n.ref == ref;
    }

    @Override
    public int hashCode() {
        return ref;
    }

    @Override
    public String toString() {
        return isRoot() ? "root" : key() + "=" + String.join("/", values());
    }
}
