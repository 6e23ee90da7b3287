package dev.qube.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.Selection;
import dev.qube.TreeBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The limits of issue 8 beyond those of {@code LimitsTest} (qube-tests): a node with a million
 * children, built and combined in time that grows linearly, on a thread with an ordinary stack;
 * counts past 2^64 exact through set operations; a 10,000-key path through every format.
 */
class LimitsAtScaleTest {

    /** A root with {@code n} children (date=i), each over its own leaf (step=i). */
    static Qube children(int n) {
        TreeBuilder tb = Qube.treeBuilder("heap"); // streamed: no identifier objects to hold
        for (int i = 0; i < n; i++) {
            List<String> v = List.of(Integer.toString(i));
            tb.begin("date", v).begin("step", v).end().end();
        }
        return tb.build();
    }

    static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    /** Children of the wide node: 1,000,000 with {@code -Psoak}, a tenth in a normal build (the time it takes on 2 cores). */
    static final int CHILDREN = Integer.getInteger("qube.limits.children", 100_000);

    @Test
    void aNodeWithAMillionChildrenWorksInLinearTimeOnAnOrdinaryStack() throws Exception {
        Throwable[] failure = new Throwable[1];
        long[] nanos = new long[2];
        Thread t = new Thread(null, () -> {
            try {
                nanos[0] = timed(() -> exercise(CHILDREN / 10));
                nanos[1] = timed(() -> exercise(CHILDREN));
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "ordinary-stack", 1L << 20);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        double ratio = nanos[1] / (double) nanos[0];
        System.out.printf("[limits] %,d children: %d ms; %,d children: %d ms (x%.1f for 10x the children)%n",
                CHILDREN / 10, nanos[0] / 1_000_000, CHILDREN, nanos[1] / 1_000_000, ratio);
        assertTrue(ratio < 40, "ten times the children took " + ratio + " times as long: not linear");
    }

    /** Builds, selects, combines, writes and reads {@code n} children, holding at most three such qubes at once. */
    private static void exercise(int n) {
        try (Qube q = children(n)) {
            assertEquals(n, q.count());
            assertTrue(q.contains(Identifier.of("date", Integer.toString(n - 1), "step", Integer.toString(n - 1))));
            try (Qube even = q.select(Selection.builder().matching("date", v -> (v.charAt(v.length() - 1) & 1) == 0).build())) {
                assertEquals(n / 2, even.count());
                try (Qube odd = q.minus(even)) {
                    assertEquals(n - n / 2, odd.count());
                }
                try (Qube back = q.union(even)) {
                    assertEquals(q, back);
                }
            }
            ByteArrayOutputStream bin = new ByteArrayOutputStream();
            QubeIO.write(q, QubeFormat.BINARY, bin);
            try (Qube read = QubeIO.read(new ByteArrayInputStream(bin.toByteArray()), "<wide>", QubeFormat.BINARY, ReadOptions.defaults())) {
                bin = null;
                assertEquals(q, read);
            }
            long[] seen = new long[1];
            q.forEachIdentifier(c -> seen[0]++);
            assertEquals(n, seen[0]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void countsPastTwoToTheSixtyFourAreExactThroughOperations() {
        // 2^66 identifiers: 66 keys of two values each; the union with a disjoint one-identifier qube adds exactly one
        String[] kv = new String[2 * 66];
        for (int i = 0; i < 66; i++) {
            kv[2 * i] = "k" + i;
            kv[2 * i + 1] = "0/1";
        }
        BigInteger two66 = BigInteger.ONE.shiftLeft(66);
        try (Qube big = Qube.builder("heap").add(Datacube.of(kv)).build();
                Qube one = Qube.of("k0=2"); Qube u = big.union(one); Qube back = u.minus(one);
                Qube half = big.select(Selection.parse("k65=1")); Qube x = big.xor(half)) {
            assertEquals(two66, big.countExact());
            assertThrows(ArithmeticException.class, big::count);
            assertEquals(two66.add(BigInteger.ONE), u.countExact());
            assertEquals(big, back);
            assertEquals(two66.shiftRight(1), half.countExact());
            assertEquals(two66.shiftRight(1), x.countExact());
            assertEquals(67, big.nodeCount()); // one chain: root and 66 nodes, never expanded
        }
    }

    @Test
    void aPathTenThousandKeysDeepThroughEveryFormat() throws Exception {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            pairs.add(Map.entry("k" + i, "v"));
        }
        List<String> outcome = new ArrayList<>();
        try (Qube deep = Qube.builder("heap").add(Identifier.of(pairs)).build()) {
            for (QubeFormat f : List.of(QubeFormat.ASCII, QubeFormat.IDS, QubeFormat.TREE_JSON, QubeFormat.NESTED_JSON,
                    QubeFormat.ARENA_JSON, QubeFormat.BINARY)) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try {
                    QubeIO.write(deep, f, b);
                } catch (IOException e) {
                    // the JSON formats nest one level (nested-json) or two (tree-json) per key, and
                    // Jackson refuses documents nested more than 1,000 deep: a clear error, not a crash
                    outcome.add(f.id() + ": not written (" + e.getMessage().replaceAll("\\R.*", "") + ")");
                    continue;
                }
                try (Qube back = QubeIO.read(new ByteArrayInputStream(b.toByteArray()), "<deep>", f, ReadOptions.defaults())) {
                    assertEquals(deep, back, f.id());
                    outcome.add(f.id() + ": read back");
                } catch (QubeFormatException e) {
                    outcome.add(f.id() + ": rejected (" + e.reason() + ")");
                }
            }
        }
        System.out.println("[limits] a 10,000-key path: " + outcome.stream().collect(Collectors.joining("; ")));
        assertEquals(List.of("ascii: read back", "ids: read back", "arena-json: read back", "binary: read back"),
                outcome.stream().filter(o -> o.endsWith("read back")).toList(), outcome.toString());
    }
}
