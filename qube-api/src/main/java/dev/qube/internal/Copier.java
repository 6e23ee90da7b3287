package dev.qube.internal;


/** Copies canonical subtrees from one store into another, each shared node once. */
public final class Copier {
    private final Store from;
    private final Store to;
    private final IntMap nodes = new IntMap(256);

    Copier(Store from, Store to) {
        this.from = from;
        this.to = to;
    }

    /** The node's body, in the target store. */
    Body body(int node) {
        int[] src = from.children(node);
        if (from != to) {
            for (int i = 0; i < src.length; i++) {
                src[i] = node(src[i]);
            }
        }
        return new Body(from.terminal(node), src);
    }

    /** The node (a whole subtree) in the target store. */
    int node(int ref) {
        if (from == to) {
            return ref;
        }
        long done = nodes.get(ref);
        if (done != IntMap.MISSING) {
            return (int) done;
        }
        Body b = body(ref);
        int vs = to.copyValues(from, from.valueSet(ref));
        int key = to.localKey(from.keyGlobal(from.key(ref)));
        int out = to.writeNode(key, vs, b.terminal(), b.children(), b.children().length);
        nodes.put(ref, out);
        return out;
    }

    /** The top-level children of a whole qube, copied into {@code to}. */
    public static int[] root(Store from, int root, Store to) {
        return new Copier(from, to).body(root).children();
    }

    /** Copies a whole qube into {@code to}; returns the new root. */
    public static int copy(Store from, int root, Store to) {
        return new Copier(from, to).root(root);
    }

    /** A whole qube: copies the root's children and writes a root. */
    int root(int root) {
        Body b = body(root);
        return to.writeRoot(b.children(), b.children().length);
    }
}
