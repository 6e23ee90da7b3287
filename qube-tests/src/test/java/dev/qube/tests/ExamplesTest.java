package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples with exact expected output, after qubed's documentation. */
class ExamplesTest {

    static final String ARENA = ByteArrayArenaProvider.NAME;

    static final String EXPANDED = """
            root
            ├── class=od
            │   ├── expver=0001
            │   │   ├── param=1
            │   │   └── param=2
            │   └── expver=0002
            │       ├── param=1
            │       └── param=2
            └── class=rd
                ├── expver=0001
                │   ├── param=1
                │   ├── param=2
                │   └── param=3
                └── expver=0002
                    ├── param=1
                    └── param=2
            """;

    static final String COMPRESSED = """
            root
            ├── class=od, expver=0001/0002, param=1/2
            └── class=rd
                ├── expver=0001, param=1/2/3
                └── expver=0002, param=1/2
            """;

    static Qube parse(String ascii) {
        return Qube.parse(new java.io.StringReader(ascii), "<test>", ARENA);
    }

    @Test
    void theSixteenNodeTreeCompressesToFiveLinesAndNineIdentifiers() {
        try (Qube q = parse(EXPANDED)) {
            assertEquals(COMPRESSED, q.toString());
            assertEquals(5, q.toString().lines().count());
            assertEquals(9, q.count());
            assertEquals(BigInteger.valueOf(9), q.treeNodeCount()); // nodes of the canonical tree, root included
            assertEquals(8, q.nodeCount()); // param=1/2 is stored once for class=od and class=rd/expver=0002
        }
    }

    @Test
    void unionOfTwoBranches() {
        try (Qube a = parse("root, class=od, expver=0001/0002, param=1/2\n");
                Qube b = parse("root\n├── class=rd, expver=0001, param=1/2/3\n└── class=rd, expver=0002, param=1/2\n");
                Qube u = a.union(b); Qube c = parse(COMPRESSED)) {
            assertEquals(COMPRESSED, u.toString());
            assertEquals(c, u);
        }
    }

    @Test
    void differenceSplitsValueSets() {
        try (Qube q = parse(COMPRESSED); Qube d = q.minus(parse("root, class=od, expver=0001, param=2\n"))) {
            assertEquals("""
                    root
                    ├── class=od
                    │   ├── expver=0001, param=1
                    │   └── expver=0002, param=1/2
                    └── class=rd
                        ├── expver=0001, param=1/2/3
                        └── expver=0002, param=1/2
                    """, d.toString());
            assertEquals(8, d.count());
        }
    }

    @Test
    void selectInEachMode() {
        try (Qube q = parse(COMPRESSED)) {
            assertEquals("""
                    root, class=rd
                    ├── expver=0001, param=1/3
                    └── expver=0002, param=1
                    """, q.select(Selection.parse("class=rd,param=1/3")).toString());
            try (Qube s = q.select(Selection.parse("param=3"), SelectMode.STRICT)) {
                assertTrue(s.isEmpty(), "strict: class and expver are not selected");
            }
            try (Qube s = q.select(Selection.parse("class=*,expver=*,param=3"), SelectMode.STRICT)) {
                assertEquals("root, class=rd, expver=0001, param=3\n", s.toString());
            }
            try (Qube p = parse("root\n├── class=od, param=1\n└── class=od, expver=0001, param=1\n");
                    Qube r = p.select(Selection.parse("expver=0001"), SelectMode.PRUNE)) {
                assertEquals("root, class=od, expver=0001, param=1\n", r.toString());
            }
        }
    }

    @Test
    void prefixIdentifiersSurviveAndPrintAsLeafLines() {
        try (Qube q = Qube.builder(ARENA).add("class=od").add("class=od,param=1").add("class=od,param=2").build()) {
            assertEquals(3, q.count());
            assertEquals("""
                    root
                    ├── class=od
                    └── class=od, param=1/2
                    """, q.toString());
            assertEquals(q, parse(q.toString()));
            assertTrue(q.contains("class=od"));
            assertFalse(q.contains("class=rd"));
            assertEquals(List.of("class=od", "class=od,param=1", "class=od,param=2"),
                    q.identifiers().map(Identifier::toString).toList());
        }
    }

    @Test
    void manyWayUnionMixesLargeAndSmallInputs() {
        java.util.Set<String> expected = new java.util.TreeSet<>();
        List<Qube> inputs = new java.util.ArrayList<>();
        for (int q = 0; q < 40; q++) {
            var b = Qube.builder(ARENA);
            int n = q % 4 == 0 ? 300 : 3; // a few inputs above the streaming threshold, most below
            for (int i = 0; i < n; i++) {
                String id = "class=c" + (q % 3) + ",step=" + ((q * 7 + i) % 50) + ",param=" + (i % 11);
                b.add(id);
                expected.add(id);
            }
            inputs.add(b.build());
        }
        try (Qube u = Qube.union(inputs)) {
            assertEquals(expected, new java.util.TreeSet<>(u.identifiers().map(Identifier::toString).toList()));
            assertEquals(ARENA, u.arenaName());
        } finally {
            inputs.forEach(Qube::close);
        }
    }

    @Test
    void manyWayUnionIsTheSameOnAnyNumberOfThreads() {
        // thousands of inputs are cut into runs unioned on threads of their own
        java.util.Set<String> expected = new java.util.TreeSet<>();
        List<Qube> inputs = new java.util.ArrayList<>();
        for (int q = 0; q < 5000; q++) {
            String id = "class=c" + (q % 7) + ",step=" + (q % 97) + (q % 13 == 0 ? "" : ",param=" + (q % 11));
            inputs.add(Qube.builder(ARENA).add(id).build());
            expected.add(id);
        }
        try (Qube one = Qube.union(inputs, 1); Qube two = Qube.union(inputs, 2); Qube five = Qube.union(inputs, 5)) {
            assertEquals(expected, new java.util.TreeSet<>(one.identifiers().map(Identifier::toString).toList()));
            assertEquals(one.toString(), two.toString());
            assertEquals(one.toString(), five.toString());
            assertEquals(ARENA, five.arenaName());
        } finally {
            inputs.forEach(Qube::close);
        }
        assertThrows(IllegalArgumentException.class, () -> Qube.union(List.of(), 0));
    }

    @Test
    void datacubesAreNeverExpanded() {
        var big = Datacube.of("date", String.join("/", java.util.stream.IntStream.range(0, 5000).mapToObj(Integer::toString).toList()),
                "step", String.join("/", java.util.stream.IntStream.range(0, 5000).mapToObj(Integer::toString).toList()),
                "param", String.join("/", java.util.stream.IntStream.range(0, 5000).mapToObj(Integer::toString).toList()));
        try (Qube q = Qube.builder(ARENA).add(big).build()) {
            assertEquals(BigInteger.valueOf(125_000_000_000L), q.countExact());
            assertEquals(4, q.nodeCount());
        }
    }

    @Test
    void countsBeyondLongAreExact() {
        String many = String.join("/", java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString).toList());
        String[] kv = new String[16];
        for (int i = 0; i < 8; i++) {
            kv[2 * i] = "k" + i;
            kv[2 * i + 1] = many;
        }
        try (Qube q = Qube.builder(ARENA).add(Datacube.of(kv)).build()) {
            assertEquals(BigInteger.TEN.pow(24), q.countExact());
            assertThrows(ArithmeticException.class, q::count);
            // the count of a selection, without making it, falls back to exact arithmetic too, in every mode
            Selection half = Selection.parse("k0=" + String.join("/", java.util.stream.IntStream.range(0, 500).mapToObj(Integer::toString).toList()));
            for (SelectMode mode : SelectMode.values()) {
                BigInteger expected = mode == SelectMode.STRICT ? BigInteger.ZERO : BigInteger.TEN.pow(24).divide(BigInteger.TWO);
                assertEquals(expected, q.countExact(half, mode), mode.name());
                try (Qube made = q.select(half, mode)) {
                    assertEquals(made.countExact(), q.countExact(half, mode), mode.name());
                }
            }
            assertThrows(ArithmeticException.class, () -> q.count(half));
            assertEquals(1000L * 1000 * 1000 * 1000, q.count(Selection.parse("k0=1,k1=2,k2=3,k3=4"), SelectMode.RELAXED));
        }
    }

    @Test
    void asciiParseErrorsNameLineAndColumn() {
        var e = assertThrows(QubeFormatException.class, () -> parse("root\n├── class=od\n│   ├── param\n"));
        assertEquals(3, e.line());
        assertEquals(9, e.column());
        var e2 = assertThrows(QubeFormatException.class, () -> parse("root\n        └── class=od\n"));
        assertEquals(2, e2.line());
    }

    @Test
    void idsAndAsciiRoundTripThroughQubeIO() throws Exception {
        try (Qube q = parse(COMPRESSED)) {
            for (QubeFormat f : List.of(QubeFormat.ASCII, QubeFormat.IDS)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                QubeIO.write(q, f, out);
                try (Qube back = QubeIO.read(new ByteArrayInputStream(out.toByteArray()), "<mem>", null,
                        ReadOptions.defaults().withArena(ARENA))) {
                    assertEquals(q, back, f.id());
                }
            }
            ByteArrayOutputStream ids = new ByteArrayOutputStream();
            QubeIO.write(q, QubeFormat.IDS, ids);
            assertTrue(ids.toString(StandardCharsets.UTF_8).startsWith("class=od,expver=0001,param=1\nclass=od,expver=0001,param=2\n"));
        }
    }
}
