package dev.qube.internal;

import dev.qube.ValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a canonical qube from any tree, streamed depth-first: {@link #begin} a node, add its
 * children, {@link #end} it. Each node is written (canonically, hash-consed) as soon as it ends,
 * so memory holds one path of open nodes, not the input tree. The input may be non-canonical:
 * siblings may repeat keys and overlap in values; the qube is the set of the tree's paths. A node
 * with no children ends an identifier; {@link #markTerminal} makes an inner node end one too.
 */
public final class TreeBuild {

    private static final class Frame {
        final int key;
        final List<String> values;
        boolean terminal;
        final List<Integer> children = new ArrayList<>();

        Frame(int key, List<String> values) {
            this.key = key;
            this.values = values;
        }
    }

    private final Store t;
    private final List<Frame> stack = new ArrayList<>();
    private final Combine union;
    private final Set<Integer> openKeys = new HashSet<>();
    private final Map<List<String>, Integer> valueSets = new HashMap<>();
    private static final int VALUE_SET_CACHE = 1 << 16;

    public TreeBuild(Store t) {
        this.t = t;
        this.union = new Combine(Combine.Op.UNION, t, t, t);
        stack.add(new Frame(-1, List.of()));
    }

    /** True once siblings had to be merged: the nodes and value sets they were written as are garbage. */
    private boolean merged;
    private int deepest;

    /** Whether canonicalising merged siblings, leaving their first writing behind as garbage. */
    public boolean merged() {
        return merged;
    }

    /** The greatest depth of open nodes seen. */
    public int deepest() {
        return deepest;
    }

    /** Depth of open nodes, 0 at the root level. */
    public int depth() {
        return stack.size() - 1;
    }

    /**
     * Opens a node below the current one.
     *
     * @throws IllegalArgumentException if the key is already on the path (a key appears once per identifier)
     */
    public void begin(String key, List<String> values) {
        int k = t.localKey(key);
        if (!openKeys.add(k)) {
            throw new IllegalArgumentException("key '" + key + "' appears twice on one path");
        }
        stack.add(new Frame(k, values));
        deepest = Math.max(deepest, stack.size() - 1);
    }

    public void markTerminal() {
        if (stack.size() > 1) {
            stack.getLast().terminal = true;
        }
    }

    public void end() {
        if (stack.size() <= 1) {
            throw new IllegalStateException("end() without begin()");
        }
        Frame f = stack.removeLast();
        openKeys.remove(f.key);
        int[] children = canonical(f.children);
        boolean terminal = f.terminal || f.children.isEmpty();
        if (f.values.isEmpty() || (!terminal && children.length == 0)) {
            return; // a node without values, or whose children all vanished, holds no identifier
        }
        // trees from files repeat a few value lists many times: sort and store each list once
        Integer vs = valueSets.get(f.values);
        if (vs == null) {
            TreeSet<String> distinct = new TreeSet<>(ValueOrder.INSTANCE);
            distinct.addAll(f.values);
            vs = t.writeValues(new ArrayList<>(distinct));
            if (valueSets.size() >= VALUE_SET_CACHE) {
                valueSets.clear(); // bounded: a stream of ever-new lists must not pile up in memory
            }
            valueSets.put(List.copyOf(f.values), vs);
        }
        stack.getLast().children.add(t.writeNode(f.key, vs, terminal, children, children.length));
    }

    /** Ends open nodes and returns the root of the finished qube. */
    public int finish() {
        while (stack.size() > 1) {
            end();
        }
        int[] top = canonical(stack.getFirst().children);
        return t.writeRoot(top, top.length);
    }

    private int[] canonical(List<Integer> nodes) {
        if (nodes.isEmpty()) {
            return new int[0];
        }
        // common case: canonical input, same-key siblings disjoint and with different bodies
        Set<String> seen = new HashSet<>();
        Set<String> keyBodies = new HashSet<>();
        boolean simple = true;
        for (int n : nodes) {
            String k = t.keyTextOf(n);
            if (!keyBodies.add(k + '\0' + java.util.Arrays.toString(t.children(n)) + t.terminal(n))) {
                simple = false;
                break;
            }
            for (String v : t.values(t.valueSet(n))) {
                if (!seen.add(k + '\0' + v)) {
                    simple = false;
                    break;
                }
            }
            if (!simple) {
                break;
            }
        }
        if (simple) {
            Siblings out = new Siblings(t);
            for (int n : nodes) {
                out.addNode(n);
            }
            return out.finish();
        }
        merged = true;
        return union.unionAll(nodes.stream().map(n -> new int[] {n}).toList());
    }
}
