package dev.qube.internal;

import java.util.HashMap;
import java.util.Map;

/** Copies canonical subtrees from one store into another, each shared node once. */
public final class Copier {
    private final Store from;
    private final Store to;
    private final Map<Integer, Integer> nodes = new HashMap<>();
    private final Map<Integer, Integer> valueSets = new HashMap<>();

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
        Integer done = nodes.get(ref);
        if (done != null) {
            return done;
        }
        Body b = body(ref);
        int vs = valueSets.computeIfAbsent(from.valueSet(ref), v -> to.writeValues(from.values(v)));
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
