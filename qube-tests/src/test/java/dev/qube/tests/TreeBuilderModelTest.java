package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.TreeBuilder;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A tree streamed into a {@link TreeBuilder} holds the set of its paths, whatever its shape:
 * values out of order or repeated, siblings of one key with overlapping values or with equal
 * bodies (which must be merged), and canonical siblings (which are taken as they are).
 */
class TreeBuilderModelTest {

    private static final String[] KEYS = {"a", "b", "c", "d"};
    private static final String[] VALUES = {"1", "2", "3", "10", "-4", "x", "y", "2024-01-01", "0.5"};

    @Test
    void anyTreeHoldsTheSetOfItsPaths() {
        long seed = Long.getLong("qube.seed", 22L);
        Random r = new Random(seed);
        for (int trial = 0; trial < 400; trial++) {
            TreeBuilder b = Qube.treeBuilder(ByteArrayArenaProvider.NAME);
            Set<List<Map.Entry<String, String>>> model = children(r, b, Set.of(), 0);
            try (Qube q = b.build()) {
                int t = trial;
                assertEquals(model, Model.of(q), () -> "seed " + seed + ", trial " + t);
                List<Identifier> sorted = q.identifiers().toList();
                assertEquals(model.size(), sorted.size());
            }
        }
    }

    /**
     * Canonical siblings given in any order come out in sibling order (by key, then first value in
     * canonical order), like the same identifiers added one by one: the builder orders them by the
     * first values it wrote, not by reading value sets back.
     */
    @Test
    void canonicalSiblingsGivenOutOfOrderAreOrdered() {
        TreeBuilder b = Qube.treeBuilder(ByteArrayArenaProvider.NAME);
        b.begin("k", List.of("x"));
        b.begin("step", List.of("12", "6")).begin("levelist", List.of("1")).end().end();
        b.begin("param", List.of("b", "a")).end();
        b.begin("step", List.of("3", "0")).begin("levelist", List.of("2")).end().end();
        b.begin("date", List.of("20240102", "20240101")).end();
        b.begin("step", List.of("24", "18")).end();
        b.end();
        dev.qube.QubeBuilder one = Qube.builder(ByteArrayArenaProvider.NAME);
        for (String id : List.of("k=x,step=0,levelist=2", "k=x,step=3,levelist=2", "k=x,step=6,levelist=1",
                "k=x,step=12,levelist=1", "k=x,step=18", "k=x,step=24", "k=x,param=a", "k=x,param=b", "k=x,date=20240101",
                "k=x,date=20240102")) {
            one.add(id);
        }
        try (Qube q = b.build(); Qube expected = one.build()) {
            assertEquals(expected.toAscii(10, 200), q.toAscii(10, 200));
            assertEquals(expected.identifiers().map(Identifier::toString).toList(), q.identifiers().map(Identifier::toString).toList());
            assertEquals(expected, q);
        }
    }

    /**
     * Siblings of one key with different bodies are taken as they are only when their values are
     * disjoint: integer lists (checked a bit per number) that share one value, or texts that do, are
     * merged, and the qube is the one built identifier by identifier.
     */
    @Test
    void siblingsSharingOneValueAreMerged() {
        List<List<String>> second = List.of(List.of("20240140", "20240105"), List.of("20240105", "x"),
                List.of("20240106", "20240107"), List.of("20240150", "20240141"));
        for (List<String> values : second) {
            for (int span : new int[] {1, 1_000_000}) {
                TreeBuilder b = Qube.treeBuilder(ByteArrayArenaProvider.NAME);
                dev.qube.QubeBuilder one = Qube.builder(ByteArrayArenaProvider.NAME);
                List<String> first = new ArrayList<>();
                for (int d = 1; d <= 40; d++) {
                    first.add(Integer.toString(20240100 + d * span));
                }
                b.begin("k", List.of("x"));
                b.begin("date", first).begin("step", List.of("0")).end().end();
                b.begin("date", values).begin("step", List.of("6")).end().end();
                b.end();
                for (String v : first) {
                    one.add("k=x,date=" + v + ",step=0");
                }
                for (String v : values) {
                    one.add("k=x,date=" + v + ",step=6");
                }
                try (Qube q = b.build(); Qube expected = one.build()) {
                    assertEquals(expected.toAscii(10, 400), q.toAscii(10, 400), () -> values + " span " + span);
                    assertEquals(expected, q);
                }
            }
        }
    }

    /** Streams random children below the open node; returns their paths (relative to it). */
    private static Set<List<Map.Entry<String, String>>> children(Random r, TreeBuilder b, Set<String> onPath, int depth) {
        Set<List<Map.Entry<String, String>>> paths = new HashSet<>();
        int n = depth == 0 ? 1 + r.nextInt(4) : r.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = KEYS[r.nextInt(KEYS.length)];
            if (onPath.contains(key)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            int m = 1 + r.nextInt(4);
            for (int j = 0; j < m; j++) {
                values.add(VALUES[r.nextInt(r.nextBoolean() ? 3 : VALUES.length)]);
            }
            b.begin(key, values);
            Set<List<Map.Entry<String, String>>> below = Set.of();
            if (depth < 2 && r.nextInt(3) != 0) {
                Set<String> deeper = new HashSet<>(onPath);
                deeper.add(key);
                below = children(r, b, deeper, depth + 1);
            }
            boolean terminal = below.isEmpty();
            if (!terminal && r.nextInt(3) == 0) {
                b.markEndsIdentifier();
                terminal = true;
            }
            b.end();
            for (String v : values) {
                if (terminal) {
                    paths.add(List.of(Map.entry(key, v)));
                }
                for (List<Map.Entry<String, String>> rest : below) {
                    List<Map.Entry<String, String>> full = new ArrayList<>();
                    full.add(Map.entry(key, v));
                    full.addAll(rest);
                    paths.add(List.copyOf(full));
                }
            }
        }
        return paths;
    }
}
