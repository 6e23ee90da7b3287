package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.spi.Codecs;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The engine's sharing and selection at their edges, found by the mutation score (PIT, see
 * docs/CONFORMANCE.md): results store each distinct subtree once, whichever path wrote them (an
 * operation copying from two stores, a builder writing value sets too large to be remembered by
 * their texts); set operations between qubes whose node references happen to be equal; merges of
 * different subtrees of one store; {@code PRUNE} over several keys and at its 64-key limit.
 */
class SharingAndSelectTest {

    private static final String ARENA = ByteArrayArenaProvider.NAME;

    private static final Map<String, BinaryOperator<Qube>> OPS = Map.of(
            "union", Qube::union, "intersect", Qube::intersect, "minus", Qube::minus, "xor", Qube::xor);

    private static final Map<String, BinaryOperator<Set<List<Map.Entry<String, String>>>>> MODEL = Map.of(
            "union", Model::union, "intersect", Model::intersect, "minus", Model::minus, "xor", Model::xor);

    private static Qube build(Iterable<Identifier> ids) {
        var b = Qube.builder(ARENA);
        ids.forEach(b::add);
        return b.build();
    }

    private static Qube build(String... ids) {
        var b = Qube.builder(ARENA);
        for (String id : ids) {
            b.add(id);
        }
        return b.build();
    }

    /** {@code q} stores as many nodes as the same set built directly: no subtree is stored twice. */
    private static void storedOnce(String what, Qube q) {
        try (Qube fresh = Model.toQube(Model.of(q), ARENA)) {
            assertEquals(fresh.nodeCount(), q.nodeCount(), () -> what + " stores a subtree twice:\n" + q.toAscii(8, 200));
            assertEquals(fresh, q, what);
        }
    }

    @Test
    void resultsOfOperationsStoreEachSubtreeOnce() {
        // a tenth of the tries: each try rebuilds every result (the plain build sets 200 tries)
        Property.forAll("results store each distinct subtree once", Math.max(5, Property.tries() / 10), QubeArbitraries.identifierSets(2), in -> {
            try (Qube a = build(in.get(0)); Qube b = build(in.get(1))) {
                storedOnce("a", a);
                for (var op : OPS.entrySet()) {
                    try (Qube r = op.getValue().apply(a, b)) {
                        storedOnce("a " + op.getKey() + " b", r);
                    }
                }
            }
        });
    }

    /**
     * Identifiers {@code a=I, K=1, b=1, c=v} for every v of {@code values}, one branch per (I, K) of
     * {@code branches}: the subtree {@code b=1, c=values} is the same below every branch.
     */
    private static List<Identifier> sharedBelow(List<String> values, String... branches) {
        List<Identifier> out = new ArrayList<>();
        for (int i = 0; i < branches.length; i++) {
            for (String v : values) {
                out.add(Identifier.of("a", String.valueOf(i), branches[i], "1", "b", "1", "c", v));
            }
        }
        return out;
    }

    private static List<String> texts(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    /** {@code n} texts of 64 characters: long enough for the per-qube string table to hold them. */
    private static List<String> longTexts(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("long-text-%054d", i)).toList();
    }

    @Test
    void aValueSetSharedByTwoBranchesIsStoredOnceWhateverItsSize() {
        // 1100 values: more than a store remembers by their texts, so only its unique table finds the second one;
        // with the default codecs they are encoded in the value set, with only the string table chosen they
        // are references into the table
        ValueCodec table = Codecs.inUse().stream().filter(c -> c.name().equals("strings")).findFirst().orElseThrow();
        for (List<ValueCodec> chosen : java.util.Arrays.asList(null, List.of(table))) {
            try (Codecs.Scope s = chosen == null ? () -> { } : Codecs.use(chosen)) {
                for (List<String> values : List.of(texts("", 3), texts("v", 3), longTexts(3), texts("", 1100), texts("value-", 1100), longTexts(1100))) {
                    String what = values.size() + " values" + (chosen == null ? "" : " in the string table");
                    try (Qube q = build(sharedBelow(values, "x", "y"))) {
                        // root, a=0, a=1, x=1, y=1, and one b=1 and one c node below both
                        assertEquals(7, q.nodeCount(), () -> what + ": " + q.toAscii(4, 200));
                        storedOnce("built", q);
                    }
                    // the two halves come from two stores: the union copies the value set from each
                    try (Qube x = build(sharedBelow(values, "x")); Qube y = build(sharedBelow(values, "x", "y")).minus(x);
                            Qube u = x.union(y); Qube u2 = y.union(x)) {
                        assertEquals(7, u.nodeCount(), () -> what + ", x | y: " + u.toAscii(4, 200));
                        assertEquals(7, u2.nodeCount(), () -> what + ", y | x: " + u2.toAscii(4, 200));
                        assertEquals(u, u2);
                    }
                }
            }
        }
    }

    @Test
    void aSubtreeOfSeveralChildrenFromTwoStoresIsStoredOnce() {
        // b=1 has two children; the union writes it once from each input and must find the first
        try (Qube x = build("x=1,b=1,c=1", "x=1,b=1,d=1"); Qube y = build("y=1,b=1,c=1", "y=1,b=1,d=1", "y=1,b=1,e=1");
                Qube y2 = build("y=1,b=1,c=1", "y=1,b=1,d=1"); Qube u = x.union(y2); Qube u3 = x.union(y)) {
            // root, x=1, y=1, one b=1 (c=1, d=1) below both
            assertEquals(6, u.nodeCount(), () -> u.toAscii(8, 200));
            // root, x=1, y=1, b=1 (c=1, d=1), b=1 (c=1, d=1, e=1), c=1, d=1, e=1
            assertEquals(8, u3.nodeCount(), () -> u3.toAscii(8, 200));
        }
    }

    @Test
    void operationsOnLookalikeQubesOfTwoStores() {
        // built the same way, the two qubes have their nodes at the same offsets of their own arenas
        String[][] pairs = {
            {"a=1,b=1", "a=1,b=2"},
            {"a=1,b=1,c=1", "a=1,b=1,c=2"},
            {"a=1,b=1;a=1,b=2", "a=1,b=2;a=1,b=3"},
            {"a=1,b=1;a=2,b=1", "a=1,b=2;a=2,b=1"},
        };
        for (String[] p : pairs) {
            try (Qube a = build(p[0].split(";")); Qube b = build(p[1].split(";"))) {
                for (var op : OPS.entrySet()) {
                    try (Qube r = op.getValue().apply(a, b)) {
                        assertEquals(MODEL.get(op.getKey()).apply(Model.of(a), Model.of(b)), Model.of(r),
                                () -> p[0] + " " + op.getKey() + " " + p[1]);
                    }
                }
            }
        }
    }

    @Test
    void mergesOfDifferentSubtreesOfOneStore() {
        // drop and the builder's union combine different nodes of one store whose values overlap
        try (Qube q = build("a=1,b=1,c=1", "a=2,b=1,c=2", "a=3,b=2,c=3"); Qube d = q.drop("a")) {
            assertEquals(Model.of(build("b=1,c=1", "b=1,c=2", "b=2,c=3")), Model.of(d));
        }
        try (Qube q = build("b=1,c=1", "b=1,c=2", "d=1", "b=1,c=2,e=1", "b=2,c=2,e=1"); Qube s = q.squeeze()) {
            assertEquals(Model.drop(Model.of(q), Set.of("d", "e")), Model.of(s));
        }
    }

    @Test
    void countsOfSelectionsAgreeWithTheSelectionsInEveryMode() {
        String[][] cases = {
            // the first key of the selection (bit 0) filters values
            {"a=1,b=1;a=2,b=1;a=3", "a=1"},
            {"a=1,b=1;a=2,b=2;b=3", "b=1/2,a=2"},
            // PRUNE over two keys: only identifiers that have both count
            {"a=1,b=1;a=1;b=1;a=1,c=1,b=1", "a=1,b=1"},
            // one stored subtree (b=1,c=1) below a selected key and below one that is not: PRUNE counts it differently
            {"a=1,b=1,c=1;x=1,b=1,c=1;x=2,b=1,c=1,d=1", "a=1,c=1"},
            {"x=1,b=1,c=1;a=1,b=1,c=1;a=2,b=1,c=2", "c=1,a=1/2"},
        };
        for (String[] c : cases) {
            Selection s = Selection.parse(c[1]);
            try (Qube q = build(c[0].split(";"))) {
                for (SelectMode mode : SelectMode.values()) {
                    var model = Model.select(Model.of(q), s, mode);
                    try (Qube selected = q.select(s, mode)) {
                        assertEquals(model, Model.of(selected), () -> c[0] + " select " + c[1] + " " + mode);
                    }
                    assertEquals(model.size(), q.count(s, mode), () -> c[0] + " count of " + c[1] + " " + mode);
                }
            }
        }
    }

    @Test
    void pruneOverSeveralKeys() {
        try (Qube q = build("class=od,param=1", "class=od", "param=1", "class=od,expver=1,param=1", "class=od,param=2",
                "class=rd,param=1", "expver=1,class=od,date=1,param=1");
                Qube s = q.select(Selection.parse("class=od,param=1"), SelectMode.PRUNE)) {
            assertEquals(Model.of(build("class=od,param=1", "class=od,expver=1,param=1", "expver=1,class=od,date=1,param=1")),
                    Model.of(s));
        }
    }

    @Test
    void pruneAtItsLimitOf64Keys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        List<Map.Entry<String, String>> path = new ArrayList<>();
        for (int k = 0; k < 64; k++) {
            keys.put("k" + k, List.of("1"));
            path.add(Map.entry("k" + k, "1"));
        }
        Identifier all = Identifier.of(path);
        Identifier short1 = Identifier.of(path.subList(0, 63));
        try (Qube q = build(List.of(all, short1));
                Qube s = q.select(Selection.of(keys), SelectMode.PRUNE)) {
            assertEquals(Model.of(List.of(all)), Model.of(s), "PRUNE on 64 keys keeps the identifier that has all of them");
        }
        keys.put("k64", List.of("1"));
        try (Qube q = build(List.of(all))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.select(Selection.of(keys), SelectMode.PRUNE));
            assertTrue(e.getMessage().contains("64 keys"), e.getMessage());
            try (Qube relaxed = q.select(Selection.of(keys), SelectMode.RELAXED)) {
                assertEquals(q, relaxed, "65 keys are fine where PRUNE's bits are not used");
            }
        }
    }
}
