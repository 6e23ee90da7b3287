package dev.qube.internal;

import java.util.Arrays;

/**
 * What hangs below a node's values, in a target store: whether identifiers end at the node, and
 * its canonical children. Two nodes with the same key and equal bodies are merged; since children
 * are hash-consed, body equality is equality of the reference arrays.
 */
public record Body(boolean terminal, int[] children) {

    public static final Body EMPTY = new Body(false, new int[0]);

    public boolean isEmpty() {
        return !terminal && children.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body b && b.terminal == terminal && Arrays.equals(b.children, children);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(children) * 2 + (terminal ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Body[" + (terminal ? "terminal, " : "") + Arrays.toString(children) + "]";
    }
}
