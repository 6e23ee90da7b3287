package dev.qube.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.spi.MemoryArena;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dense numbering behind the counting walks: children first, every distinct node once, kept per sealed store. */
class DenseNodesTest {

    /** A sealed store of random nodes, many shared; {@code roots[0]} receives the root. */
    private static Store randomStore(long seed, int[] roots) {
        Random r = new Random(seed);
        Store s = new Store(new TestArena(), "test");
        List<Integer> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int key = s.localKey("k" + r.nextInt(4));
            List<String> values = new ArrayList<>();
            for (int v = 1; v <= 1 + r.nextInt(3); v++) {
                values.add(Integer.toString(v * (1 + r.nextInt(3))));
            }
            values = values.stream().distinct().sorted(Comparator.comparingInt(Integer::parseInt)).toList();
            int vs = s.writeValues(values);
            int[] children = r.ints(r.nextInt(Math.min(4, made.size() + 1)), 0, Math.max(1, made.size()))
                    .distinct().filter(x -> x < made.size()).map(made::get).toArray();
            made.add(s.writeNode(key, vs, children.length == 0 || r.nextBoolean(), children, children.length));
        }
        int[] top = made.subList(made.size() - 5, made.size()).stream().mapToInt(Integer::intValue).distinct().toArray();
        roots[0] = s.writeRoot(top, top.length);
        s.seal();
        return s;
    }

    @Test
    void numbersEveryDistinctNodeOnceWithChildrenBeforeParents() {
        for (long seed = 1; seed <= 20; seed++) {
            {
                int[] roots = new int[1];
                Store s = randomStore(seed, roots);
                int root = roots[0];
                DenseNodes d = DenseNodes.of(s, root);
                DenseNodes hashed = DenseNodes.of(s, root, false);
                assertArrayEquals(d.ref, hashed.ref, "the same numbering through the hash table (stores over 16 MiB)");
                assertArrayEquals(d.child, hashed.child);
                assertArrayEquals(d.firstChild, hashed.firstChild);
                assertEquals(root, d.ref[d.root()], "the root is numbered last");
                Map<Integer, Integer> numberOf = new HashMap<>();
                for (int i = 0; i < d.size(); i++) {
                    assertEquals(null, numberOf.put(d.ref[i], i), "node " + d.ref[i] + " numbered twice");
                }
                assertEquals(reachable(s, root), numberOf.keySet());
                for (int i = 0; i < d.size(); i++) {
                    int n = d.ref[i];
                    assertEquals(s.childCount(n), d.firstChild[i + 1] - d.firstChild[i]);
                    for (int j = 0; j < s.childCount(n); j++) {
                        int c = d.child[d.firstChild[i] + j];
                        assertEquals(numberOf.get(s.child(n, j)), c, "child " + j + " of node " + i);
                        assertTrue(c < i, "child " + c + " numbered after its parent " + i);
                    }
                    boolean real = i != d.root();
                    assertEquals(real ? s.key(n) : -1, d.key[i]);
                    assertEquals(real ? s.valueCount(s.valueSet(n)) : 1, d.valueCount[i]);
                    assertEquals(real && s.terminal(n), d.terminal[i]);
                }
                BigInteger naive = naiveCount(s, root, new HashMap<>());
                assertEquals(naive, Walks.countByWalk(s, root));
                assertEquals(naive, Walks.countNumbered(s, root));
                assertEquals(naive, Walks.countFresh(s, root));
                assertEquals(naive, Walks.count(s, root));
                assertEquals(numberOf.size(), Walks.uniqueNodeCount(s, root));
            }
        }
    }

    @Test
    void theWeightsAboveEachNodeAddUpToTheCount() {
        for (long seed = 1; seed <= 20; seed++) {
            int[] roots = new int[1];
            Store s = randomStore(seed, roots);
            DenseNodes d = DenseNodes.of(s, roots[0]);
            DenseNodes.Weights w = d.weights();
            assertEquals(Walks.countByWalk(s, roots[0]).longValueExact(), w.total(), "seed " + seed);
            assertEquals(1, w.above()[d.root()]);
            for (int k = 0; k < w.ofKey().length; k++) {
                for (int i : w.ofKey()[k]) {
                    assertEquals(k, d.key[i]);
                }
            }
            assertEquals(d.size() - 1, java.util.Arrays.stream(w.ofKey()).mapToInt(a -> a.length).sum(), "every node but the root under its key");
        }
    }

    /**
     * The RELAXED count of a selection by the region below the selected keys agrees with the pass
     * over every node, whichever keys and values are selected, and the region is used (and
     * declined when it is most of the nodes) on these stores.
     */
    @Test
    void countingOnlyBelowTheSelectedKeysAgreesWithThePassOverEveryNode() {
        int byRegion = 0;
        int declined = 0;
        for (long seed = 1; seed <= 40; seed++) {
            int[] roots = new int[1];
            Store s = randomStore(seed, roots);
            DenseNodes d = DenseNodes.of(s, roots[0]);
            Random r = new Random(seed);
            for (int q = 0; q < 10; q++) {
                Map<String, List<String>> wanted = new HashMap<>();
                for (int k = 0; k < 1 + r.nextInt(2); k++) {
                    wanted.put("k" + r.nextInt(5), List.of(Integer.toString(1 + r.nextInt(6)), Integer.toString(1 + r.nextInt(9))));
                }
                Selector selector = new Selector(s, null, dev.qube.Selection.of(wanted), dev.qube.SelectMode.RELAXED);
                long region = selector.countedBelowSelectedKeys(d);
                long pass = selector.countedDense(d);
                if (region < 0) {
                    declined++;
                } else {
                    byRegion++;
                    assertEquals(pass, region, "seed " + seed + " selection " + wanted);
                }
                assertEquals(pass, selector.count(roots[0]).longValueExact());
            }
        }
        assertTrue(byRegion > 50 && declined > 20, "region " + byRegion + ", declined " + declined);
    }

    @Test
    void aSealedStoreKeepsItsNumberingAndRenumbersForAnotherRoot() {
        {
            int[] roots = new int[1];
            Store s = randomStore(7, roots);
            int root = roots[0];
            DenseNodes first = s.dense(root);
            assertSame(first, s.dense(root), "kept for the next walk");
            int other = s.child(root, 0);
            DenseNodes below = s.dense(other);
            assertEquals(other, below.ref[below.root()]);
            assertNotSame(first, s.dense(root));
            assertEquals(root, s.dense(root).ref[s.dense(root).root()]);
        }
    }

    @Test
    void aClosedQubeIsNotWalkedFromItsKeptNumbering() {
        int[] roots = new int[1];
        Store s = randomStore(3, roots);
        int root = roots[0];
        s.dense(root);
        s.arena().close();
        assertThrows(IllegalStateException.class, () -> s.dense(root));
    }

    private static Set<Integer> reachable(Store s, int n) {
        Set<Integer> out = new HashSet<>();
        collect(s, n, out);
        return out;
    }

    private static void collect(Store s, int n, Set<Integer> out) {
        if (out.add(n)) {
            for (int i = 0; i < s.childCount(n); i++) {
                collect(s, s.child(n, i), out);
            }
        }
    }

    private static BigInteger naiveCount(Store s, int n, Map<Integer, BigInteger> memo) {
        BigInteger known = memo.get(n);
        if (known != null) {
            return known;
        }
        BigInteger below = s.key(n) >= 0 && s.terminal(n) ? BigInteger.ONE : BigInteger.ZERO;
        for (int i = 0; i < s.childCount(n); i++) {
            below = below.add(naiveCount(s, s.child(n, i), memo));
        }
        BigInteger r = s.key(n) < 0 ? below : below.multiply(BigInteger.valueOf(s.valueCount(s.valueSet(n))));
        memo.put(n, r);
        return r;
    }

    /** The smallest arena: one growing segment of a shared {@link Arena} (qube-api has no backend of its own). */
    private static final class TestArena implements MemoryArena {
        private final Arena memory = Arena.ofShared();
        private MemorySegment segment = memory.allocate(256, 8);
        private long used;

        @Override
        public long allocate(long size, long alignment) {
            long start = (used + alignment - 1) & -alignment;
            if (start + size > segment.byteSize()) {
                MemorySegment bigger = memory.allocate(Math.max(start + size, 2 * segment.byteSize()), 8);
                MemorySegment.copy(segment, 0, bigger, 0, used);
                segment = bigger;
            }
            used = start + size;
            return start;
        }

        @Override
        public MemorySegment segment() {
            return segment;
        }

        @Override
        public long bytesInUse() {
            return used;
        }

        @Override
        public long bytesReserved() {
            return segment.byteSize();
        }

        @Override
        public boolean isClosed() {
            return !memory.scope().isAlive();
        }

        @Override
        public void close() {
            if (!isClosed()) {
                memory.close();
            }
        }
    }
}
