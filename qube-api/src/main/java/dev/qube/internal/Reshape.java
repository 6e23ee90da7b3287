package dev.qube.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code drop} and {@code expand}, defined on the identifier sets, written canonically. */
public final class Reshape {
    private Reshape() {
    }

    /**
     * Every identifier with the pairs of the given keys removed; identifiers that collide merge and
     * identifiers left empty vanish. Returns the root of the result in {@code t}.
     */
    public static int drop(Store src, int root, Set<String> keys, Store t) {
        return new Dropper(src, keys, t).root(root);
    }

    /** Prefixes every identifier with {@code key=v}, for each of {@code values}. */
    public static int expand(Store src, int root, String key, List<String> canonicalValues, Store t) {
        Copier copy = new Copier(src, t);
        Body b = copy.body(root);
        if (b.children().length == 0) {
            return t.writeRoot(new int[0], 0);
        }
        int vs = t.writeValues(canonicalValues);
        int node = t.writeNode(t.localKey(key), vs, false, b.children(), b.children().length);
        return t.writeRoot(new int[] {node}, 1);
    }

    private static final class Dropper {
        private final Store src;
        private final Set<String> keys;
        private final Store t;
        private final Map<Integer, Body> memo = new HashMap<>();
        private final Combine union;

        Dropper(Store src, Set<String> keys, Store t) {
            this.src = src;
            this.keys = keys;
            this.t = t;
            this.union = new Combine(Combine.Op.UNION, t, t, t);
        }

        int root(int root) {
            Body b = body(root);
            return t.writeRoot(b.children(), b.children().length); // an identifier left empty vanishes
        }

        private Body body(int node) {
            Body r = memo.get(node);
            if (r == null) {
                r = compute(node);
                memo.put(node, r);
            }
            return r;
        }

        private Body compute(int node) {
            boolean terminal = src.key(node) >= 0 && src.terminal(node);
            Siblings kept = new Siblings(t);
            int[] spliced = null;
            int n = src.childCount(node);
            for (int i = 0; i < n; i++) {
                int c = src.child(node, i);
                Body b = body(c);
                if (keys.contains(src.keyTextOf(c))) {
                    // the dropped node's identifiers now end or continue here
                    terminal |= b.terminal();
                    spliced = spliced == null ? b.children() : union.lists(spliced, b.children());
                } else if (!b.isEmpty()) {
                    kept.add(t.localKey(src.keyGlobal(src.key(c))), src, src.valueSet(c), b);
                }
            }
            int[] children = kept.finish();
            if (spliced != null) {
                children = union.lists(children, spliced);
            }
            return new Body(terminal, children);
        }
    }
}
