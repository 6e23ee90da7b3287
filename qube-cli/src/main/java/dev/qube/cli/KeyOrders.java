package dev.qube.cli;

import dev.qube.Qube;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether two inputs of a set operation hold the same keys in different orders. Key order is part
 * of an identifier, so such identifiers never match: a union holds both, an intersection neither,
 * silently. Compares the key sequences ({@link Qube#keyOrders()}: one pass over the distinct
 * nodes, not the identifiers).
 */
final class KeyOrders {
    private KeyOrders() {
    }

    /** The warning, when {@code a} and {@code b} order the same keys differently. */
    static Optional<String> conflict(Qube a, Qube b, String nameA, String nameB) {
        Map<List<String>, BigInteger> seqA = sequences(a);
        Map<List<String>, BigInteger> seqB = sequences(b);
        Side inA = affected(seqA, seqB);
        Side inB = affected(seqB, seqA);
        if (inA.example == null) {
            return Optional.empty();
        }
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        n.setGroupingUsed(true);
        String counts = n.format(inA.count) + " identifiers of " + nameA
                + (inB.count.signum() > 0 ? " and " + n.format(inB.count) + " of " + nameB : "")
                + " have keys the other input holds only in another order";
        return Optional.of(nameA + " and " + nameB + " order the same keys differently (" + counts + "; e.g. "
                + String.join(",", inA.example) + " and " + String.join(",", inA.other) + "): key order is part of an "
                + "identifier, so these never match; to compare them as fields, read both in one order with --key-order "
                + String.join(",", inA.example));
    }

    private record Side(BigInteger count, List<String> example, List<String> other) {
    }

    /** The identifiers of {@code mine} whose key set the other side holds only in another order. */
    private static Side affected(Map<List<String>, BigInteger> mine, Map<List<String>, BigInteger> theirs) {
        Map<Set<String>, List<String>> byKeySet = new HashMap<>();
        theirs.keySet().forEach(seq -> byKeySet.putIfAbsent(new HashSet<>(seq), seq));
        BigInteger count = BigInteger.ZERO;
        List<String> example = null;
        List<String> other = null;
        for (Map.Entry<List<String>, BigInteger> e : mine.entrySet()) {
            List<String> seq = e.getKey();
            if (theirs.containsKey(seq)) {
                continue;
            }
            List<String> o = byKeySet.get(new HashSet<>(seq));
            if (o != null) {
                count = count.add(e.getValue());
                if (example == null) {
                    example = seq;
                    other = o;
                }
            }
        }
        return new Side(count, example, other);
    }

    /** Each key sequence of the qube's datacubes, with the identifiers that have it. */
    private static Map<List<String>, BigInteger> sequences(Qube q) {
        return q.keyOrders();
    }
}
