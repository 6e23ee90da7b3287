package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.Selection;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shapes far beyond real catalogues: very deep paths and very wide nodes work, without stack overflow. */
class LimitsTest {

    static final String ARENA = ByteArrayArenaProvider.NAME;

    static Identifier deep(int depth, String last) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            pairs.add(Map.entry("k" + i, i == depth - 1 ? last : "v"));
        }
        return Identifier.of(pairs);
    }

    @Test
    void aPathTenThousandKeysDeepWorksThroughEveryOperation() {
        try (Qube a = Qube.builder(ARENA).add(deep(10_000, "1")).add(deep(10_000, "2")).build();
                Qube b = Qube.builder(ARENA).add(deep(10_000, "2")).add(deep(5_000, "x")).build()) {
            assertEquals(10_000, a.depth());
            try (Qube u = a.union(b); Qube i = a.intersect(b); Qube m = a.minus(b); Qube x = a.xor(b)) {
                assertEquals(3, u.count());
                assertEquals(1, i.count());
                assertEquals(1, m.count());
                assertEquals(2, x.count());
                assertTrue(u.contains(deep(5_000, "x")));
                try (Qube back = Qube.parse(new java.io.StringReader(u.toString()), "<deep>", ARENA)) {
                    assertEquals(u, back);
                }
            }
            try (Qube s = a.select(Selection.parse("k9999=2")); Qube d = a.drop("k0")) {
                assertEquals(1, s.count());
                assertEquals(2, d.count());
            }
            assertEquals(2, a.identifiers().count());
            long[] seen = new long[2];
            a.forEachIdentifier(c -> {
                seen[0]++;
                seen[1] = Math.max(seen[1], c.size());
            });
            assertEquals(2, seen[0]);
            assertEquals(10_000, seen[1]);
        }
    }

    @Test
    void aNodeWithAMillionValuesAndTwoHundredThousandSiblings() {
        var b = Qube.builder(ARENA);
        for (int i = 0; i < 1_000_000; i++) {
            b.add(Identifier.of("param", Integer.toString(i)));
        }
        try (Qube wide = b.build()) {
            assertEquals(1_000_000, wide.count());
            assertEquals(2, wide.nodeCount());
        }
        var c = Qube.builder(ARENA);
        for (int i = 0; i < 200_000; i++) {
            c.add(Identifier.of("date", Integer.toString(i), "step", Integer.toString(i)));
        }
        try (Qube siblings = c.build(); Qube half = siblings.select(Selection.builder().matching("date", v -> v.length() < 6).build())) {
            assertEquals(200_000, siblings.count());
            assertEquals(1 + 200_000 + 200_000, siblings.nodeCount()); // root, 200,000 date siblings, each over its own step leaf
            assertEquals(100_000, half.count());
        }
    }
}
