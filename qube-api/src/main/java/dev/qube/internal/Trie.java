package dev.qube.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
        HashMap<String, TNode>[] maps;
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
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    HashMap<String, TNode>[] m = new HashMap[1];
                    maps = m;
                } else if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    maps = Arrays.copyOf(maps, n * 2);
                }
                keys[n] = key;
                maps[n] = new HashMap<>(4);
                n++;
            }
            return maps[i].computeIfAbsent(value, v -> new TNode());
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
            for (Map.Entry<String, TNode> e : node.maps[i].entrySet()) {
                TNode c = e.getValue();
                Body b = new Body(c.terminal, children(c, t));
                byBody.computeIfAbsent(b, x -> new ArrayList<>()).add(e.getKey());
            }
            for (Map.Entry<Body, List<String>> e : byBody.entrySet()) {
                out.add(key, e.getValue(), e.getKey());
            }
        }
        return out.finish();
    }
}
