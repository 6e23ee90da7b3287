package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.tests.property.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The laws every configuration must satisfy, as properties against {@link Model}. Extend it and
 * return the backend under test from {@link #arena()}.
 */
public abstract class QubeLaws {

    /** Name of the arena backend under test. */
    protected abstract String arena();

    protected Qube qube(List<Identifier> ids) {
        var b = Qube.builder(arena());
        ids.forEach(b::add);
        return b.build();
    }

    private void binary(String name, BinaryOperator<Qube> op, BinaryOperator<Set<List<Map.Entry<String, String>>>> model) {
        Property.forAll(name, QubeArbitraries.identifierSets(2), in -> {
            try (Qube a = qube(in.get(0)); Qube b = qube(in.get(1)); Qube r = op.apply(a, b)) {
                var expected = model.apply(Model.of(in.get(0)), Model.of(in.get(1)));
                assertEquals(Model.sorted(expected), r.identifiers().toList());
                assertEquals(expected.size(), r.count());
            }
        });
    }

    @Test
    public void roundTripThroughModel() {
        Property.forAll("round trip", QubeArbitraries.identifierSets(), ids -> {
            try (Qube q = qube(ids)) {
                var m = Model.of(ids);
                assertEquals(Model.sorted(m), q.identifiers().toList());
                assertEquals(m.size(), q.count());
                assertEquals(m.isEmpty(), q.isEmpty());
                for (Identifier id : ids) {
                    assertTrue(q.contains(id), () -> "contains " + id);
                }
                assertEquals(Model.axes(m), q.axes());
            }
        });
    }

    @Test
    public void containsAgreesWithModel() {
        Property.forAll("contains", QubeArbitraries.identifierSets(2), in -> {
            try (Qube q = qube(in.get(0))) {
                var m = Model.of(in.get(0));
                for (Identifier id : in.get(1)) {
                    assertEquals(m.contains(id.pairs()), q.contains(id), () -> "contains " + id);
                }
            }
        });
    }

    @Test
    public void unionAgreesWithModel() {
        binary("union", Qube::union, Model::union);
    }

    @Test
    public void intersectAgreesWithModel() {
        binary("intersect", Qube::intersect, Model::intersect);
    }

    @Test
    public void minusAgreesWithModel() {
        binary("minus", Qube::minus, Model::minus);
    }

    @Test
    public void xorAgreesWithModel() {
        binary("xor", Qube::xor, Model::xor);
    }

    @Test
    public void manyWayUnionAgreesWithModel() {
        Property.forAll("union of many", QubeArbitraries.identifierSets(5), in -> {
            List<Qube> qs = new ArrayList<>();
            Set<List<Map.Entry<String, String>>> m = new HashSet<>();
            for (List<Identifier> ids : in) {
                qs.add(qube(ids));
                m.addAll(Model.of(ids));
            }
            try (Qube u = Qube.union(qs)) {
                assertEquals(Model.sorted(m), u.identifiers().toList());
            } finally {
                qs.forEach(Qube::close);
            }
        });
    }

    @Test
    public void selectAgreesWithModelInEveryMode() {
        Property.forAll("select", QubeArbitraries.identifierSets(), ids -> {
            var sel = QubeArbitraries.selections().next(new java.util.SplittableRandom(ids.hashCode()), 5);
            Selection s = Selection.of(sel);
            try (Qube q = qube(ids)) {
                for (SelectMode mode : SelectMode.values()) {
                    try (Qube r = q.select(s, mode)) {
                        assertEquals(Model.sorted(Model.select(Model.of(ids), s, mode)), r.identifiers().toList(),
                                () -> mode + " " + sel);
                    }
                }
            }
        });
    }

    @Test
    public void dropSqueezeExpandAgreeWithModel() {
        Property.forAll("reshape", QubeArbitraries.identifierSets(), ids -> {
            var m = Model.of(ids);
            try (Qube q = qube(ids)) {
                for (String k : List.of("class", "a", "param")) {
                    try (Qube d = q.drop(k)) {
                        assertEquals(Model.sorted(Model.drop(m, Set.of(k))), d.identifiers().toList(), () -> "drop " + k);
                    }
                }
                try (Qube d = q.drop("class", "expver", "date")) {
                    assertEquals(Model.sorted(Model.drop(m, Set.of("class", "expver", "date"))), d.identifiers().toList());
                }
                Set<String> single = new HashSet<>();
                Model.axes(m).forEach((k, v) -> {
                    if (v.size() == 1) {
                        single.add(k);
                    }
                });
                try (Qube s = q.squeeze()) {
                    assertEquals(Model.sorted(Model.drop(m, single)), s.identifiers().toList(), "squeeze");
                }
                try (Qube e = q.expand("z", List.of("2", "1", "x"))) {
                    assertEquals(Model.sorted(Model.expand(m, "z", List.of("1", "2", "x"))), e.identifiers().toList());
                }
            }
        });
    }

    @Test
    public void canonicalFormIsIndependentOfBuildOrder() {
        Property.forAll("canonical form", QubeArbitraries.identifierSets(), ids -> {
            List<Identifier> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new java.util.Random(ids.size()));
            int half = ids.size() / 2;
            try (Qube a = qube(ids); Qube b = qube(shuffled);
                    Qube h1 = qube(shuffled.subList(0, half)); Qube h2 = qube(shuffled.subList(half, shuffled.size()));
                    Qube c = h2.union(h1)) {
                assertEquals(a.toString(), b.toString());
                assertEquals(a.toString(), c.toString());
                assertEquals(a, c);
                assertEquals(a.hashCode(), c.hashCode());
                assertEquals(a.nodeCount(), c.nodeCount());
                assertEquals(a.bytesInUse(), b.bytesInUse());
            }
        });
    }

    @Test
    public void asciiRoundTrips() {
        Property.forAll("ascii round trip", QubeArbitraries.identifierSets(), ids -> {
            try (Qube q = qube(ids); Qube back = Qube.parse(new java.io.StringReader(q.toString()), "<test>", arena())) {
                assertEquals(q, back, q::toString);
                assertEquals(q.toString(), back.toString());
            }
        });
    }

    @Test
    public void datacubesCoverExactlyTheIdentifiers() {
        Property.forAll("datacubes", QubeArbitraries.identifierSets(), ids -> {
            try (Qube q = qube(ids)) {
                var b = Qube.builder(arena());
                q.datacubes().forEach(b::add);
                try (Qube back = b.build()) {
                    assertEquals(q, back);
                }
                long sum = q.datacubes().map(Datacube::count).mapToLong(java.math.BigInteger::longValueExact).sum();
                assertEquals(q.count(), sum, "datacubes are disjoint");
            }
        });
    }

    @Test
    public void setLawsHold() {
        Property.forAll("set laws", QubeArbitraries.identifierSets(3), in -> {
            try (Qube a = qube(in.get(0)); Qube b = qube(in.get(1)); Qube c = qube(in.get(2)); Qube e = Qube.builder(arena()).build()) {
                assertEquals(a.union(b), b.union(a), "union commutes");
                assertEquals(a.intersect(b), b.intersect(a), "intersection commutes");
                assertEquals(a.xor(b), b.xor(a), "xor commutes");
                assertEquals(a.union(b).union(c), a.union(b.union(c)), "union associates");
                assertEquals(a.intersect(b).intersect(c), a.intersect(b.intersect(c)), "intersection associates");
                assertEquals(a.xor(b).xor(c), a.xor(b.xor(c)), "xor associates");
                assertEquals(a, a.union(a), "union idempotent");
                assertEquals(a, a.intersect(a), "intersection idempotent");
                assertEquals(a, a.union(a.intersect(b)), "absorption");
                assertEquals(a, a.intersect(a.union(b)), "absorption");
                assertEquals(a.intersect(b.union(c)), a.intersect(b).union(a.intersect(c)), "distributive");
                assertEquals(a.union(b.intersect(c)), a.union(b).intersect(a.union(c)), "distributive");
                assertEquals(a, a.union(e), "empty is the union identity");
                assertEquals(e, a.intersect(e), "empty absorbs intersection");
                assertEquals(a, a.minus(e), "minus empty");
                assertEquals(e, a.minus(a), "a - a");
                assertEquals(a.minus(b), a.minus(a.intersect(b)), "a - b = a - (a & b)");
                assertEquals(a.union(b).minus(b), a.minus(b), "(a | b) - b = a - b");
                assertEquals(a.xor(b), a.union(b).minus(a.intersect(b)), "xor definition");
            }
        });
    }

    @Test
    public void useAfterCloseThrowsAndClosingInputsKeepsOutputs() {
        Property.forAll("lifecycle", 20, QubeArbitraries.identifierSets(2), in -> {
            Qube a = qube(in.get(0));
            Qube b = qube(in.get(1));
            Qube u = a.union(b);
            String before = u.toString();
            a.close();
            b.close();
            a.close(); // twice is harmless
            assertTrue(a.isClosed());
            assertEquals(before, u.toString());
            assertThrows(IllegalStateException.class, a::count);
            assertThrows(IllegalStateException.class, () -> a.union(u));
            assertThrows(IllegalStateException.class, () -> u.union(a));
            assertThrows(IllegalStateException.class, a::toString);
            assertThrows(IllegalStateException.class, () -> a.identifiers().count());
            assertFalse(u.isClosed());
            u.close();
            assertThrows(IllegalStateException.class, u::nodeCount);
        });
    }
}
