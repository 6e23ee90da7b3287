package dev.qube.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable prefix tree of identifiers, the fast way in: identifiers are inserted one pair at a
 * time, then the tree is written bottom-up into a store as canonical nodes (values grouped by
 * equal bodies). Holds Java objects, so builders flush it into the store in batches.
 */
public final class Trie {

    private static final class TNode {
        // null in leaves (most nodes of a listing's trie): allocated with the first child
        String[] keys;
        Children[] maps;
        int n;
        boolean terminal;

        TNode child(String key, String value) {
            int i = 0;
            while (i < n && !keys[i].equals(key)) {
                i++;
            }
            if (i == n) {
                if (keys == null) {
                    keys = new String[1];
                    maps = new Children[1];
                } else if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    maps = Arrays.copyOf(maps, n * 2);
                }
                keys[n] = key;
                maps[n] = new Children();
                n++;
            }
            return maps[i].child(value);
        }
    }

    /**
     * The children of one key of a trie node, by value: an open-addressing table in two arrays
     * (no entry, no map object per node: a shuffled listing's trie has millions of these, and
     * the collector copies every object of it while it grows).
     */
    private static final class Children {
        private String[] values = new String[4];
        private TNode[] nodes = new TNode[4];
        private int size;

        /** The child for {@code value}, added if absent. */
        TNode child(String value) {
            int mask = values.length - 1;
            int h = value.hashCode();
            for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
                String v = values[i];
                if (v == null) {
                    if (3 * (size + 1) > 2 * values.length) {
                        grow();
                        return child(value);
                    }
                    TNode c = new TNode();
                    values[i] = value;
                    nodes[i] = c;
                    size++;
                    return c;
                }
                if (v.equals(value)) {
                    return nodes[i];
                }
            }
        }

        private void grow() {
            String[] ov = values;
            TNode[] on = nodes;
            values = new String[ov.length * 2];
            nodes = new TNode[ov.length * 2];
            int mask = values.length - 1;
            for (int j = 0; j < ov.length; j++) {
                if (ov[j] != null) {
                    int h = ov[j].hashCode();
                    int i = (h ^ (h >>> 16)) & mask;
                    while (values[i] != null) {
                        i = (i + 1) & mask;
                    }
                    values[i] = ov[j];
                    nodes[i] = on[j];
                }
            }
        }
    }

    private TNode root = new TNode();
    private long size;
    /** The nodes along the identifier added last: path[i] is the node after i pairs. */
    private TNode[] path = new TNode[16];
    private int pathLength;

    /** Adds one identifier given as parallel arrays of keys and values. */
    public void add(String[] keys, String[] values, int length) {
        add(keys, values, length, 0);
    }

    /**
     * Adds one identifier whose first {@code shared} pairs are those of the identifier added just
     * before (listings are sorted, so consecutive lines share long prefixes): the walk down the
     * tree starts where that prefix ends instead of at the root.
     */
    public void add(String[] keys, String[] values, int length, int shared) {
        if (path.length <= length) {
            path = Arrays.copyOf(path, Math.max(length + 1, path.length * 2));
        }
        int from = Math.min(shared, Math.min(length, pathLength));
        path[0] = root;
        TNode at = path[from];
        for (int i = from; i < length; i++) {
            at = at.child(keys[i], values[i]);
            path[i + 1] = at;
        }
        pathLength = length;
        at.terminal = true;
        size++;
    }

    /** Identifiers added since the last {@link #writeTo}, duplicates included. */
    public long size() {
        return size;
    }

    /** Writes the identifiers into {@code t}, returns the canonical top-level list, and empties the trie. */
    public int[] writeTo(Store t) {
        int[] out = children(root, t);
        root = new TNode();
        size = 0;
        pathLength = 0;
        Arrays.fill(path, null);
        return out;
    }

    private static final int[] NONE = new int[0];

    private static int[] children(TNode node, Store t) {
        if (node.n == 0) {
            return NONE; // a leaf: most nodes of a listing's trie
        }
        Siblings out = new Siblings(t);
        for (int i = 0; i < node.n; i++) {
            int key = t.localKey(node.keys[i]);
            Map<Body, List<String>> byBody = new LinkedHashMap<>();
            Children values = node.maps[i];
            for (int j = 0; j < values.values.length; j++) {
                TNode c = values.nodes[j];
                if (c != null) {
                    Body b = new Body(c.terminal, children(c, t));
                    byBody.computeIfAbsent(b, x -> new ArrayList<>()).add(values.values[j]);
                }
            }
            for (Map.Entry<Body, List<String>> e : byBody.entrySet()) {
                out.add(key, e.getValue(), e.getKey());
            }
        }
        return out.finish();
    }
}
