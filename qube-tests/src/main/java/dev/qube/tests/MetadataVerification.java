package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Metadata;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.tests.MetaModel.Tagged;
import dev.qube.tests.property.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metadata rules (R100–R129 of {@code docs/CONFORMANCE.md}) run on the backend under test:
 * the engine against {@link MetaModel} for every operation, the set laws that hold with metadata
 * (and those that hold on identifiers only), canonical form whatever the build order, equality
 * across backends. {@link ArenaVerification} extends it, so every backend runs them.
 */
@ExtendWith(SkipRules.class)
public abstract class MetadataVerification {

    /** For subclasses. */
    protected MetadataVerification() {
    }

    /** The name of the backend under test. */
    protected abstract String arenaName();

    private Qube qube(List<Tagged> tagged) {
        return MetaModel.qube(tagged, arenaName());
    }

    private static void expect(Map<Identifier, Metadata> model, Qube q, String what) {
        assertEquals(model, MetaModel.of(q), what);
        assertEquals(model.values().stream().anyMatch(m -> !m.isEmpty()), q.hasMetadata(), () -> what + ": hasMetadata");
    }

    private void binary(String rule, BinaryOperator<Qube> op, BinaryOperator<Map<Identifier, Metadata>> model) {
        Property.forAll(rule, MetaModel.taggedSets(2), sets -> {
            try (Qube a = qube(sets.get(0)); Qube b = qube(sets.get(1)); Qube r = op.apply(a, b)) {
                expect(model.apply(MetaModel.of(sets.get(0)), MetaModel.of(sets.get(1))), r, "result");
            }
        });
    }

    // ================================================================== model agreement

    /** R100: a qube built with metadata reports, per identifier, the union of the metadata it was added with; every read path agrees. */
    @Test
    public void required_R100_buildWithMetadata() {
        Property.forAll("R100 build with metadata", MetaModel.taggedSets(), tagged -> {
            try (Qube q = qube(tagged)) {
                TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
                expect(m, q, "cursor");
                for (Map.Entry<Identifier, Metadata> e : m.entrySet()) {
                    assertEquals(java.util.Optional.of(e.getValue()), q.metadata(e.getKey()), () -> "metadata(" + e.getKey() + ")");
                }
                assertEquals(java.util.Optional.empty(), q.metadata(Identifier.of("nokey", "x")), "metadata of an absent identifier");
                TreeMap<String, Boolean> keys = new TreeMap<>(dev.qube.ValueOrder::compareCodePoints);
                m.values().forEach(md -> md.keys().forEach(k -> keys.put(k, true)));
                assertEquals(new ArrayList<>(keys.keySet()), q.metadataKeys(), "metadataKeys");
            }
        });
    }

    /** R101: union: per identifier the union of both sides' metadata; the many-way union likewise. */
    @Test
    public void required_R101_unionAgreesWithModel() {
        binary("R101 union with metadata", Qube::union, MetaModel::union);
        Property.forAll("R101 many-way union with metadata", MetaModel.taggedSets(3), sets -> {
            try (Qube a = qube(sets.get(0)); Qube b = qube(sets.get(1)); Qube c = qube(sets.get(2));
                    Qube r = Qube.union(List.of(a, b, c))) {
                expect(MetaModel.union(MetaModel.union(MetaModel.of(sets.get(0)), MetaModel.of(sets.get(1))), MetaModel.of(sets.get(2))),
                        r, "Qube.union(a, b, c)");
            }
        });
    }

    /** R102: intersection: identifiers of both, with the union of both sides' metadata. */
    @Test
    public void required_R102_intersectAgreesWithModel() {
        binary("R102 intersect with metadata", Qube::intersect, MetaModel::intersect);
    }

    /** R103: difference keeps the left operand's metadata. */
    @Test
    public void required_R103_minusAgreesWithModel() {
        binary("R103 minus with metadata", Qube::minus, MetaModel::minus);
    }

    /** R104: symmetric difference: each identifier keeps its own side's metadata. */
    @Test
    public void required_R104_xorAgreesWithModel() {
        binary("R104 xor with metadata", Qube::xor, MetaModel::xor);
    }

    /** R105: select (every mode) keeps the metadata of the identifiers kept. */
    @Test
    public void required_R105_selectAgreesWithModel() {
        Property.forAll("R105 select with metadata", QubeArbitraries.selected(), s -> {
            List<Tagged> tagged = MetaModel.tag(s.identifiers(), s.identifiers().hashCode());
            try (Qube q = qube(tagged)) {
                for (SelectMode mode : SelectMode.values()) {
                    try (Qube r = q.select(s.toSelection(), mode)) {
                        expect(MetaModel.select(MetaModel.of(tagged), s.toSelection(), mode), r, "select " + mode);
                    }
                }
            }
        });
    }

    /** R106: drop and squeeze: identifiers that become equal union their metadata. */
    @Test
    public void required_R106_dropAgreesWithModel() {
        Property.forAll("R106 drop with metadata", MetaModel.taggedSets(), tagged -> {
            try (Qube q = qube(tagged)) {
                TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
                for (String k : QubeArbitraries.KEYS.subList(0, 3)) {
                    try (Qube r = q.drop(k)) {
                        expect(MetaModel.drop(m, Set.of(k)), r, "drop " + k);
                    }
                }
                Set<String> single = new java.util.HashSet<>();
                q.axes().forEach((k, v) -> {
                    if (v.size() == 1) {
                        single.add(k);
                    }
                });
                try (Qube r = q.squeeze()) {
                    expect(MetaModel.drop(m, single), r, "squeeze");
                }
            }
        });
    }

    /** R107: expand copies each identifier's metadata to every identifier made from it. */
    @Test
    public void required_R107_expandAgreesWithModel() {
        Property.forAll("R107 expand with metadata", MetaModel.taggedSets(), tagged -> {
            try (Qube q = qube(tagged); Qube r = q.expand("z", List.of("2", "10", "x"))) {
                expect(MetaModel.expand(MetaModel.of(tagged), "z", List.of("2", "10", "x")), r, "expand");
            }
        });
    }

    /** R108: withMetadata sets a key on every identifier, or on the selected ones, and keeps the rest. */
    @Test
    public void required_R108_withMetadataAgreesWithModel() {
        Property.forAll("R108 withMetadata", QubeArbitraries.selected(), s -> {
            List<Tagged> tagged = MetaModel.tag(s.identifiers(), s.identifiers().hashCode());
            TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
            try (Qube q = qube(tagged); Qube all = q.withMetadata("location", "mn5", "lumi");
                    Qube some = q.withMetadata(s.toSelection(), "path", List.of("/p/1"))) {
                expect(MetaModel.with(m, id -> true, "location", List.of("lumi", "mn5")), all, "withMetadata on all");
                Set<List<Map.Entry<String, String>>> chosen = Model.select(MetaModel.ids(m), s.toSelection(), SelectMode.RELAXED);
                expect(MetaModel.with(m, id -> chosen.contains(id.pairs()), "path", List.of("/p/1")), some, "withMetadata on a selection");
            }
        });
    }

    /** R109: withoutMetadata and keepMetadata; a qube without metadata is exactly the qube built without it (same bytes). */
    @Test
    public void required_R109_withoutAndKeepMetadata() {
        Property.forAll("R109 without and keep metadata", MetaModel.taggedSets(), tagged -> {
            TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
            List<Identifier> plain = new ArrayList<>(m.keySet());
            try (Qube q = qube(tagged); Qube none = q.withoutMetadata(); Qube loc = q.keepMetadata(List.of("location"));
                    Qube bare = MetaModel.qube(plain.stream().map(i -> new Tagged(i, Metadata.EMPTY)).toList(), arenaName())) {
                expect(MetaModel.keep(m, Set.of()), none, "withoutMetadata");
                expect(MetaModel.keep(m, Set.of("location")), loc, "keepMetadata(location)");
                assertEquals(bare, none, "without metadata: equal to the plain qube");
                assertEquals(bare.hashCode(), none.hashCode(), "hash of a qube without metadata");
                assertEquals(bare.bytesInUse(), none.bytesInUse(), "bytes of a qube without metadata");
                assertEquals(0, none.metadataBytes(), "metadataBytes without metadata");
            }
        });
    }

    /** R110: metadataValues counts, per text of a key, the identifiers holding it. */
    @Test
    public void required_R110_metadataValuesCount() {
        Property.forAll("R110 metadata values", MetaModel.taggedSets(), tagged -> {
            TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
            try (Qube q = qube(tagged)) {
                for (String key : MetaModel.META_KEYS) {
                    TreeMap<String, Long> want = new TreeMap<>(dev.qube.ValueOrder.INSTANCE);
                    m.values().forEach(md -> md.get(key).forEach(v -> want.merge(v, 1L, Long::sum)));
                    assertEquals(new ArrayList<>(want.entrySet()), new ArrayList<>(q.metadataValues(key).entrySet()), "values of " + key);
                }
            }
        });
    }

    /** R111: selectMetadata, selectWithoutMetadata and partitionByMetadata agree with the model. */
    @Test
    public void required_R111_selectAndPartitionOnMetadata() {
        Property.forAll("R111 select and partition on metadata", MetaModel.taggedSets(), tagged -> {
            TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
            try (Qube q = qube(tagged)) {
                for (String key : List.of("location", "path")) {
                    Map<String, Qube> parts = q.partitionByMetadata(key);
                    try {
                        for (Map.Entry<String, Qube> e : parts.entrySet()) {
                            TreeMap<Identifier, Metadata> want = new TreeMap<>(m);
                            want.values().removeIf(md -> !md.get(key).contains(e.getKey()));
                            expect(want, e.getValue(), "partition " + key + "=" + e.getKey());
                        }
                        assertEquals(q.metadataValues(key).keySet(), parts.keySet(), "partition keys");
                    } finally {
                        parts.values().forEach(Qube::close);
                    }
                    try (Qube lumi = q.selectMetadata(key, "lumi", "/data/a.grib"); Qube without = q.selectWithoutMetadata(key)) {
                        TreeMap<Identifier, Metadata> want = new TreeMap<>(m);
                        want.values().removeIf(md -> Collections.disjoint(md.get(key), List.of("lumi", "/data/a.grib")));
                        expect(want, lumi, "selectMetadata " + key);
                        TreeMap<Identifier, Metadata> wantNo = new TreeMap<>(m);
                        wantNo.values().removeIf(md -> !md.get(key).isEmpty());
                        expect(wantNo, without, "selectWithoutMetadata " + key);
                    }
                }
            }
        });
    }

    // ================================================================== canonical form and equality

    /** R112: the same identifiers and metadata added in any order (and split across repeats) give equal qubes: equal hash, text, metadata bytes. */
    @Test
    public void required_R112_canonicalWhateverTheBuildOrder() {
        Property.forAll("R112 canonical with metadata", MetaModel.taggedSets(), tagged -> {
            List<Tagged> shuffled = new ArrayList<>(tagged);
            Collections.shuffle(shuffled, new java.util.Random(tagged.size()));
            List<Tagged> split = new ArrayList<>();
            for (Tagged t : shuffled) {
                if (t.metadata().keys().size() > 1) {
                    for (String k : t.metadata().keys()) {
                        split.add(new Tagged(t.id(), Metadata.of(Map.of(k, t.metadata().get(k)))));
                    }
                } else {
                    split.add(t);
                }
            }
            try (Qube a = qube(tagged); Qube b = qube(split); Qube c = MetaModel.qube(MetaModel.of(tagged), arenaName())) {
                for (Qube x : List.of(b, c)) {
                    assertEquals(a, x, "equal");
                    assertEquals(a.hashCode(), x.hashCode(), "hash");
                    assertEquals(a.metadataBytes(), x.metadataBytes(), "metadata bytes");
                    assertEquals(a.metadataRuns(), x.metadataRuns(), "metadata runs");
                    assertEquals(a.toString(), x.toString(), "text");
                }
            }
        });
    }

    /** R113: equality includes metadata, across backends; sameIdentifiers compares identifiers only. */
    @Test
    public void required_R113_equalityIncludesMetadata() {
        Property.forAll("R113 equality with metadata", MetaModel.taggedSets(), tagged -> {
            try (Qube a = qube(tagged); Qube other = a.withMetadata("location", "elsewhere"); Qube none = a.withoutMetadata()) {
                for (String backend : Discovery.arenaNames()) {
                    try (Qube copy = a.copyTo(backend)) {
                        assertEquals(a, copy, "equal to its copy on " + backend);
                        assertEquals(copy, a, "equal to its copy on " + backend + ", other way");
                        assertEquals(a.hashCode(), copy.hashCode(), "hash of the copy on " + backend);
                        assertEquals(MetaModel.of(a), MetaModel.of(copy), "the copy on " + backend + " keeps the metadata");
                    }
                }
                if (!a.isEmpty()) {
                    assertNotEquals(a, other, "different metadata: not equal");
                    assertTrue(a.sameIdentifiers(other), "same identifiers");
                    assertEquals(a.hasMetadata(), !a.equals(none), "with and without metadata: equal iff there is none");
                }
            }
        });
    }

    // ================================================================== laws

    /** R114: with metadata, union and intersection are commutative, associative and idempotent; xor = (a−b) ∪ (b−a); (a−b)−c = a−(b∪c); intersection distributes over union. */
    @Test
    public void required_R114_lawsThatHoldWithMetadata() {
        Property.forAll("R114 laws with metadata", MetaModel.taggedSets(3), sets -> {
            try (Qube a = qube(sets.get(0)); Qube b = qube(sets.get(1)); Qube c = qube(sets.get(2))) {
                law("union commutes", a.union(b), b.union(a));
                law("intersect commutes", a.intersect(b), b.intersect(a));
                try (Qube ab = a.union(b); Qube bc = b.union(c)) {
                    law("union associative", ab.union(c), a.union(bc));
                    law("(a-b)-c = a-(b+c)", with(a.minus(b), x -> x.minus(c)), a.minus(bc));
                    try (Qube ac = a.union(c)) {
                        law("a & (b+c) = (a&b) + (a&c)", a.intersect(bc), with(a.intersect(b), x -> with(a.intersect(c), x::union)));
                    }
                }
                try (Qube ab = a.intersect(b); Qube bc = b.intersect(c)) {
                    law("intersect associative", ab.intersect(c), a.intersect(bc));
                }
                law("union idempotent", a.union(a), a.copyTo(arenaName()));
                law("intersect idempotent", a.intersect(a), a.copyTo(arenaName()));
                law("xor = (a-b) + (b-a)", a.xor(b), with(a.minus(b), x -> with(b.minus(a), x::union)));
            }
        });
    }

    /** R115: absorption, union distributing over intersection and a−(a−b) = a∩b hold on identifiers, not with metadata (the rule unions what both sides hold). */
    @Test
    public void required_R115_lawsThatHoldOnIdentifiersOnly() {
        Property.forAll("R115 laws on identifiers only", MetaModel.taggedSets(3), sets -> {
            try (Qube a = qube(sets.get(0)); Qube b = qube(sets.get(1)); Qube c = qube(sets.get(2))) {
                identifiersLaw("absorption a + (a&b) = a", with(a.intersect(b), a::union), a.copyTo(arenaName()));
                identifiersLaw("absorption a & (a+b) = a", with(a.union(b), a::intersect), a.copyTo(arenaName()));
                identifiersLaw("a + (b&c) = (a+b) & (a+c)", with(b.intersect(c), a::union), with(a.union(b), x -> with(a.union(c), x::intersect)));
                identifiersLaw("a-(a-b) = a&b", with(a.minus(b), a::minus), a.intersect(b));
                // and the model says exactly when they differ
                Map<Identifier, Metadata> ma = MetaModel.of(sets.get(0));
                Map<Identifier, Metadata> mb = MetaModel.of(sets.get(1));
                try (Qube r = with(a.intersect(b), a::union)) {
                    expect(MetaModel.union(ma, MetaModel.intersect(ma, mb)), r, "absorption as the rule defines it");
                }
            }
        });
    }

    private static Qube with(Qube x, java.util.function.Function<Qube, Qube> f) {
        try (x) {
            return f.apply(x);
        }
    }

    private static void law(String what, Qube left, Qube right) {
        try (left; right) {
            assertEquals(MetaModel.of(left), MetaModel.of(right), what);
            assertEquals(left, right, what + ": equals");
            assertEquals(left.hashCode(), right.hashCode(), what + ": hash");
        }
    }

    private static void identifiersLaw(String what, Qube left, Qube right) {
        try (left; right) {
            assertTrue(left.sameIdentifiers(right), what + ": identifiers");
        }
    }

    // ================================================================== formats

    /**
     * R117: every installed format that holds metadata reads back exactly what it wrote (metadata
     * included) and writes it again byte for byte; every other format refuses a qube with metadata.
     */
    @Test
    public void required_R117_formatsKeepOrRefuseMetadata() {
        Property.forAll("R117 formats with metadata", MetaModel.taggedSets(), tagged -> {
            TreeMap<Identifier, Metadata> m = MetaModel.of(tagged);
            try (Qube q = qube(tagged)) {
                for (dev.qube.QubeFormat f : FormatRoundTrip.installed()) {
                    if (f.holdsMetadata()) {
                        byte[] written = FormatRoundTrip.write(q, f);
                        try (Qube back = FormatRoundTrip.read(written, f, arenaName())) {
                            expect(m, back, "read back from " + f.id());
                            assertEquals(q, back, "equal after " + f.id());
                            assertTrue(java.util.Arrays.equals(written, FormatRoundTrip.write(back, f)), "written again identically: " + f.id());
                        }
                    } else if (q.hasMetadata()) {
                        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                        assertThrows(IllegalArgumentException.class, () -> dev.qube.QubeIO.write(q, f, out), "writing metadata as " + f.id());
                        assertEquals(0, out.size(), "nothing written as " + f.id());
                    }
                }
            }
        });
    }

    // ================================================================== lifecycle

    /** R116: metadata reads of a closed qube throw IllegalStateException; closing an input never breaks a result's metadata. */
    @Test
    public void required_R116_metadataAfterClose() {
        List<Tagged> tagged = List.of(new Tagged(Identifier.parse("class=od,param=1"), Metadata.of("location", "lumi")),
                new Tagged(Identifier.parse("class=od,param=2"), Metadata.of("location", "mn5")));
        Qube a = qube(tagged);
        Qube r = a.union(a);
        a.close();
        assertEquals(java.util.Optional.of(Metadata.of("location", "mn5")), r.metadata("class=od,param=2"), "R116 result after its input closed");
        r.close();
        assertThrows(IllegalStateException.class, () -> r.metadata("class=od,param=2"), "R116 metadata after close");
        assertThrows(IllegalStateException.class, () -> a.metadataValues("location"), "R116 metadataValues after close");
        assertThrows(IllegalStateException.class, () -> a.withMetadata("location", "x"), "R116 withMetadata after close");
        assertFalse(a.isClosed() && !r.isClosed(), "R116 both closed");
    }
}
