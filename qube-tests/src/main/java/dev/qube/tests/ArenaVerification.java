package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeNode;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.ValueOrder;
import dev.qube.spi.ArenaFeature;
import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import dev.qube.spi.ProviderName;
import dev.qube.tests.property.Property;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite for an arena backend: extend it, return your provider from
 * {@link #provider()}, register the provider with {@link java.util.ServiceLoader} (the engine picks
 * backends by name), and run the tests. Each test checks one numbered rule of
 * {@code docs/CONFORMANCE.md}: {@code required_R..} rules apply to every backend; an
 * {@code optional_R..} rule checks a capability ({@link ArenaFeature}) and is skipped, with a
 * message, when the backend does not declare it.
 *
 * <p>Rules R1–R35 drive the whole engine on the backend (results against the plain-set
 * {@link Model}, the set laws, canonical form, formats, lifecycle, concurrent readers); rules
 * R36–R46 check the {@link MemoryArena} contract directly; R47 builds a real catalogue from
 * {@code -Dqube.data} (skipped without it). Tries per property come from {@code -Dqube.tries};
 * a failure prints a seed that {@code -Dqube.seed} replays.
 */
public abstract class ArenaVerification extends MetadataVerification {

    private ArenaProvider underTest;

    /** For subclasses, which name the backend under test. */
    protected ArenaVerification() {
    }

    /** The backend under test. It must also be registered for {@link java.util.ServiceLoader}. */
    protected abstract ArenaProvider provider();

    /** The capabilities the backend claims; by default what its provider declares. */
    protected Set<ArenaFeature> features() {
        return subject().features();
    }

    /**
     * The formats rule R31 round-trips through: by default every {@link dev.qube.QubeFormat} that
     * can be both read and written and whose reader and writer are installed.
     */
    protected List<dev.qube.QubeFormat> formats() {
        return FormatRoundTrip.installed();
    }

    /** Most bytes rule R46 allocates while looking for the size bound of a {@link ArenaFeature#SIZE_BOUND} backend. */
    protected long sizeBoundProbeBytes() {
        return 64L << 20;
    }

    /** The provider under test, asked for once per test. */
    protected final ArenaProvider subject() {
        if (underTest == null) {
            underTest = provider();
        }
        return underTest;
    }

    /** The name the engine knows the backend under test by. */
    protected final String arenaName() {
        return subject().name();
    }

    /** A qube of these identifiers on the backend under test. */
    protected final Qube qube(List<Identifier> ids) {
        var b = Qube.builder(arenaName());
        ids.forEach(b::add);
        return b.build();
    }

    private void requireFeature(ArenaFeature f) {
        Assumptions.assumeTrue(features().contains(f), () -> "skipped: backend '" + arenaName() + "' does not declare "
                + f + " in ArenaProvider.features()");
    }

    private static void expect(Set<List<Map.Entry<String, String>>> model, Qube q, String what) {
        assertEquals(Model.sorted(model), q.identifiers().toList(), what);
        assertEquals(model.size(), q.count(), () -> what + ": count");
    }

    // ================================================================== model agreement R1-R11

    /** R1: a qube holds exactly the identifiers it was built from; count, isEmpty, contains and axes agree. */
    @Test
    public void required_R1_roundTripThroughModel() {
        Property.forAll("R1 round trip through the model", QubeArbitraries.identifierSets(), ids -> {
            try (Qube q = qube(ids)) {
                var m = Model.of(ids);
                expect(m, q, "identifiers");
                assertEquals(m.isEmpty(), q.isEmpty(), "isEmpty");
                assertEquals(BigInteger.valueOf(m.size()), q.countExact(), "countExact");
                for (Identifier id : ids) {
                    assertTrue(q.contains(id), () -> "contains " + id);
                }
                assertEquals(Model.axes(m), q.axes(), "axes");
            }
        });
    }

    /** R2: contains agrees with the model, for members and for identifiers of another set. */
    @Test
    public void required_R2_containsAgreesWithModel() {
        Property.forAll("R2 contains agrees with the model", QubeArbitraries.identifierSets(2), in -> {
            try (Qube q = qube(in.get(0))) {
                var m = Model.of(in.get(0));
                for (Identifier id : in.get(1)) {
                    assertEquals(m.contains(id.pairs()), q.contains(id), () -> "contains " + id);
                    if (id.size() > 1) {
                        Identifier prefix = Identifier.of(id.pairs().subList(0, id.size() - 1));
                        assertEquals(m.contains(prefix.pairs()), q.contains(prefix), () -> "contains prefix " + prefix);
                    }
                }
            }
        });
    }

    private void binary(String name, BinaryOperator<Qube> op, BinaryOperator<Set<List<Map.Entry<String, String>>>> model) {
        Property.forAll(name, QubeArbitraries.identifierSets(2), in -> {
            try (Qube a = qube(in.get(0)); Qube b = qube(in.get(1)); Qube r = op.apply(a, b)) {
                expect(model.apply(Model.of(in.get(0)), Model.of(in.get(1))), r, name);
            }
        });
    }

    /** R3: {@code union} agrees with the model. */
    @Test
    public void required_R3_unionAgreesWithModel() {
        binary("R3 union agrees with the model", Qube::union, Model::union);
    }

    /** R4: {@code intersect} agrees with the model. */
    @Test
    public void required_R4_intersectAgreesWithModel() {
        binary("R4 intersect agrees with the model", Qube::intersect, Model::intersect);
    }

    /** R5: {@code minus} agrees with the model. */
    @Test
    public void required_R5_minusAgreesWithModel() {
        binary("R5 minus agrees with the model", Qube::minus, Model::minus);
    }

    /** R6: {@code xor} agrees with the model. */
    @Test
    public void required_R6_xorAgreesWithModel() {
        binary("R6 xor agrees with the model", Qube::xor, Model::xor);
    }

    /** R7: the union of many qubes agrees with the model. */
    @Test
    public void required_R7_manyWayUnionAgreesWithModel() {
        Property.forAll("R7 union of many agrees with the model", QubeArbitraries.identifierSets(5), in -> {
            try (Made made = new Made()) {
                List<Qube> qs = new ArrayList<>();
                Set<List<Map.Entry<String, String>>> m = new HashSet<>();
                for (List<Identifier> ids : in) {
                    qs.add(made.k(qube(ids)));
                    m.addAll(Model.of(ids));
                }
                expect(m, made.k(Qube.union(qs)), "union of " + qs.size());
            }
        });
    }

    private void select(String name, SelectMode mode) {
        Property.forAll(name, QubeArbitraries.selected(), in -> {
            Selection s = in.toSelection();
            try (Qube q = qube(in.identifiers()); Qube r = q.select(s, mode)) {
                var model = Model.select(Model.of(in.identifiers()), s, mode);
                expect(model, r, mode + " " + in.selection());
                long counted = q.count(s, mode);
                if (counted != model.size()) {
                    throw new AssertionError("count of " + mode + " " + in.selection() + " without materialising: expected "
                            + model.size() + ", got " + counted);
                }
            }
        });
    }

    /** R8: {@code select} in {@link SelectMode#RELAXED} mode, and {@code count} of that selection, agree with the model. */
    @Test
    public void required_R8_selectRelaxedAgreesWithModel() {
        select("R8 select RELAXED agrees with the model", SelectMode.RELAXED);
    }

    /** R9: {@code select} in {@link SelectMode#PRUNE} mode, and {@code count} of that selection, agree with the model. */
    @Test
    public void required_R9_selectPruneAgreesWithModel() {
        select("R9 select PRUNE agrees with the model", SelectMode.PRUNE);
    }

    /** R10: {@code select} in {@link SelectMode#STRICT} mode, and {@code count} of that selection, agree with the model. */
    @Test
    public void required_R10_selectStrictAgreesWithModel() {
        select("R10 select STRICT agrees with the model", SelectMode.STRICT);
    }

    /** R11: {@code drop}, {@code squeeze} and {@code expand} agree with the model. */
    @Test
    public void required_R11_dropSqueezeExpandAgreeWithModel() {
        Property.forAll("R11 drop, squeeze, expand agree with the model", QubeArbitraries.identifierSets(), ids -> {
            var m = Model.of(ids);
            try (Made made = new Made()) {
                Qube q = made.k(qube(ids));
                for (String k : List.of("class", "a", "param")) {
                    expect(Model.drop(m, Set.of(k)), made.k(q.drop(k)), "drop " + k);
                }
                expect(Model.drop(m, Set.of("class", "expver", "date")), made.k(q.drop("class", "expver", "date")), "drop 3 keys");
                Set<String> single = new HashSet<>();
                Model.axes(m).forEach((k, v) -> {
                    if (v.size() == 1) {
                        single.add(k);
                    }
                });
                expect(Model.drop(m, single), made.k(q.squeeze()), "squeeze");
                if (!m.isEmpty()) {
                    expect(Model.expand(m, "z", List.of("1", "2", "x")), made.k(q.expand("z", List.of("2", "1", "x"))), "expand");
                }
            }
        });
    }

    // ================================================================== key order R130-R131

    /** The key orders R130 tries: none, one key, several (with a key no identifier has), all keys reversed. */
    private static List<List<String>> keyOrders() {
        List<String> reversed = new ArrayList<>(QubeArbitraries.KEYS);
        java.util.Collections.reverse(reversed);
        return List.of(List.of(), List.of("param"), List.of("date", "zz", "class"), reversed);
    }

    /** R130: {@code reorderKeys} agrees with the model, for several orders. */
    @Test
    public void required_R130_reorderKeysAgreesWithModel() {
        Property.forAll("R130 reorderKeys agrees with the model", QubeArbitraries.identifierSets(), ids -> {
            var m = Model.of(ids);
            try (Made made = new Made()) {
                Qube q = made.k(qube(ids));
                for (List<String> order : keyOrders()) {
                    Qube r = made.k(q.reorderKeys(order));
                    expect(Model.reorderKeys(m, order), r, "reorderKeys " + order);
                    assertEquals(arenaName(), r.arenaName(), "reorderKeys stays on the backend");
                }
            }
        });
    }

    /**
     * R131: reordering is a set operation: reordering twice is reordering once, and it commutes
     * with union (reorder(a) ∪ reorder(b) = reorder(a ∪ b)), so two inputs reordered alike combine
     * as their fields do whatever order each held its keys in.
     */
    @Test
    public void required_R131_reorderKeysCommutesWithUnion() {
        law("R131 reorderKeys commutes with union", (m, a, b, c, e) -> {
            for (List<String> order : keyOrders()) {
                Qube ra = m.k(a.reorderKeys(order));
                assertEquals(ra, m.k(ra.reorderKeys(order)), "reordering twice " + order);
                assertEquals(m.k(m.k(a.union(b)).reorderKeys(order)), m.k(ra.union(m.k(b.reorderKeys(order)))), "union " + order);
                assertEquals(e, m.k(e.reorderKeys(order)), "empty " + order);
            }
        });
    }

    /** R132: {@code keyOrders} gives the model's key sequences, each with its number of identifiers. */
    @Test
    public void required_R132_keyOrdersAgreeWithModel() {
        Property.forAll("R132 keyOrders agree with the model", QubeArbitraries.identifierSets(), ids -> {
            var m = Model.of(ids);
            try (Made made = new Made()) {
                Qube q = made.k(qube(ids));
                assertEquals(Model.keyOrders(m), new java.util.HashMap<>(q.keyOrders()), "keyOrders");
                Qube r = made.k(q.reorderKeys(List.of("param", "class")));
                assertEquals(Model.keyOrders(Model.reorderKeys(m, List.of("param", "class"))), new java.util.HashMap<>(r.keyOrders()),
                        "keyOrders after reorderKeys");
            }
        });
    }

    // ================================================================== set laws R12-R26

    /** Qubes a, b, c of three generated sets and the empty qube e. */
    @FunctionalInterface
    private interface Law {
        void check(Made made, Qube a, Qube b, Qube c, Qube e);
    }

    private void law(String name, Law law) {
        Property.forAll(name, QubeArbitraries.identifierSets(3), in -> {
            try (Made made = new Made()) {
                law.check(made, made.k(qube(in.get(0))), made.k(qube(in.get(1))), made.k(qube(in.get(2))),
                        made.k(Qube.builder(arenaName()).build()));
            }
        });
    }

    /** R12: a ∪ b = b ∪ a. */
    @Test
    public void required_R12_unionCommutes() {
        law("R12 union commutes", (m, a, b, c, e) -> assertEquals(m.k(a.union(b)), m.k(b.union(a))));
    }

    /** R13: a ∩ b = b ∩ a. */
    @Test
    public void required_R13_intersectCommutes() {
        law("R13 intersect commutes", (m, a, b, c, e) -> assertEquals(m.k(a.intersect(b)), m.k(b.intersect(a))));
    }

    /** R14: a ⊕ b = b ⊕ a. */
    @Test
    public void required_R14_xorCommutes() {
        law("R14 xor commutes", (m, a, b, c, e) -> assertEquals(m.k(a.xor(b)), m.k(b.xor(a))));
    }

    /** R15: (a ∪ b) ∪ c = a ∪ (b ∪ c). */
    @Test
    public void required_R15_unionAssociates() {
        law("R15 union associates", (m, a, b, c, e) ->
                assertEquals(m.k(m.k(a.union(b)).union(c)), m.k(a.union(m.k(b.union(c))))));
    }

    /** R16: (a ∩ b) ∩ c = a ∩ (b ∩ c). */
    @Test
    public void required_R16_intersectAssociates() {
        law("R16 intersect associates", (m, a, b, c, e) ->
                assertEquals(m.k(m.k(a.intersect(b)).intersect(c)), m.k(a.intersect(m.k(b.intersect(c))))));
    }

    /** R17: (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c). */
    @Test
    public void required_R17_xorAssociates() {
        law("R17 xor associates", (m, a, b, c, e) -> assertEquals(m.k(m.k(a.xor(b)).xor(c)), m.k(a.xor(m.k(b.xor(c))))));
    }

    /** R18: a ∪ a = a and a ∩ a = a, also for a copy of a in another arena of the backend. */
    @Test
    public void required_R18_unionAndIntersectAreIdempotent() {
        law("R18 union and intersect are idempotent", (m, a, b, c, e) -> {
            Qube twin = m.k(a.copyTo(arenaName()));
            assertEquals(a, m.k(a.union(a)), "a | a");
            assertEquals(a, m.k(a.intersect(a)), "a & a");
            assertEquals(a, m.k(a.union(twin)), "a | copy of a");
            assertEquals(a, m.k(a.intersect(twin)), "a & copy of a");
        });
    }

    /** R19: a ∪ (a ∩ b) = a and a ∩ (a ∪ b) = a. */
    @Test
    public void required_R19_absorption() {
        law("R19 absorption", (m, a, b, c, e) -> {
            assertEquals(a, m.k(a.union(m.k(a.intersect(b)))), "a | (a & b)");
            assertEquals(a, m.k(a.intersect(m.k(a.union(b)))), "a & (a | b)");
        });
    }

    /** R20: a ∩ (b ∪ c) = (a ∩ b) ∪ (a ∩ c). */
    @Test
    public void required_R20_intersectDistributesOverUnion() {
        law("R20 intersect distributes over union", (m, a, b, c, e) ->
                assertEquals(m.k(a.intersect(m.k(b.union(c)))), m.k(m.k(a.intersect(b)).union(m.k(a.intersect(c))))));
    }

    /** R21: a ∪ (b ∩ c) = (a ∪ b) ∩ (a ∪ c). */
    @Test
    public void required_R21_unionDistributesOverIntersect() {
        law("R21 union distributes over intersect", (m, a, b, c, e) ->
                assertEquals(m.k(a.union(m.k(b.intersect(c)))), m.k(m.k(a.union(b)).intersect(m.k(a.union(c))))));
    }

    /** R22: the empty qube is the identity: a ∪ ∅ = a, a ∩ ∅ = ∅, a − ∅ = a, ∅ − a = ∅, a ⊕ ∅ = a. */
    @Test
    public void required_R22_emptyQubeIsTheIdentity() {
        law("R22 the empty qube is the identity", (m, a, b, c, e) -> {
            assertEquals(a, m.k(a.union(e)), "a | empty");
            assertEquals(a, m.k(e.union(a)), "empty | a");
            assertEquals(e, m.k(a.intersect(e)), "a & empty");
            assertEquals(a, m.k(a.minus(e)), "a - empty");
            assertEquals(e, m.k(e.minus(a)), "empty - a");
            assertEquals(a, m.k(a.xor(e)), "a ^ empty");
            assertTrue(e.isEmpty(), "empty is empty");
        });
    }

    /** R23: a − a = ∅ and a ⊕ a = ∅. */
    @Test
    public void required_R23_selfDifferenceIsEmpty() {
        law("R23 self difference is empty", (m, a, b, c, e) -> {
            assertEquals(e, m.k(a.minus(a)), "a - a");
            assertEquals(e, m.k(a.xor(a)), "a ^ a");
            assertTrue(m.k(a.minus(m.k(a.copyTo(arenaName())))).isEmpty(), "a - copy of a");
        });
    }

    /** R24: a − b = a − (a ∩ b). */
    @Test
    public void required_R24_minusDependsOnlyOnTheCommonPart() {
        law("R24 a - b = a - (a & b)", (m, a, b, c, e) -> assertEquals(m.k(a.minus(b)), m.k(a.minus(m.k(a.intersect(b))))));
    }

    /** R25: (a ∪ b) − b = a − b. */
    @Test
    public void required_R25_unionThenMinusIsMinus() {
        law("R25 (a | b) - b = a - b", (m, a, b, c, e) -> assertEquals(m.k(m.k(a.union(b)).minus(b)), m.k(a.minus(b))));
    }

    /** R26: a ⊕ b = (a ∪ b) − (a ∩ b) = (a − b) ∪ (b − a). */
    @Test
    public void required_R26_xorIsUnionMinusIntersection() {
        law("R26 xor is union minus intersection", (m, a, b, c, e) -> {
            Qube x = m.k(a.xor(b));
            assertEquals(x, m.k(m.k(a.union(b)).minus(m.k(a.intersect(b)))), "(a | b) - (a & b)");
            assertEquals(x, m.k(m.k(a.minus(b)).union(m.k(b.minus(a)))), "(a - b) | (b - a)");
        });
    }

    // ================================================================== canonical form R27-R30

    /** R27: the same set built in any order gives identical ASCII, equal hashes, equal qubes, the same size. */
    @Test
    public void required_R27_canonicalFormIsIndependentOfBuildOrder() {
        Property.forAll("R27 canonical form is independent of build order", QubeArbitraries.identifierSets(), ids -> {
            List<Identifier> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new java.util.Random(ids.size()));
            int half = ids.size() / 2;
            try (Made m = new Made()) {
                Qube a = m.k(qube(ids));
                Qube b = m.k(qube(shuffled));
                Qube c = m.k(m.k(qube(shuffled.subList(half, shuffled.size()))).union(m.k(qube(shuffled.subList(0, half)))));
                assertEquals(a.toString(), b.toString(), "ascii, other insertion order");
                assertEquals(a.toString(), c.toString(), "ascii, built by union");
                assertEquals(a, c);
                assertEquals(a.hashCode(), b.hashCode());
                assertEquals(a.hashCode(), c.hashCode());
                assertEquals(a.nodeCount(), c.nodeCount(), "stored nodes");
                assertEquals(a.bytesInUse(), b.bytesInUse(), "bytes in use");
            }
        });
    }

    /** R28: a qube equals its copy on every other discovered backend, with the same hash and ASCII, both ways. */
    @Test
    public void required_R28_equalAcrossBackends() {
        List<String> others = new ArrayList<>(Discovery.arenaNames());
        if (!others.contains(arenaName())) {
            others.add(arenaName());
        }
        Property.forAll("R28 equal across backends " + others, QubeArbitraries.identifierSets(), ids -> {
            try (Made m = new Made()) {
                Qube q = m.k(qube(ids));
                for (String other : others) {
                    Qube c = m.k(q.copyTo(other));
                    Qube d = m.k(Model.toQube(Model.of(ids), other));
                    assertEquals(other, c.arenaName());
                    assertEquals(q, c, () -> "copy on " + other);
                    assertEquals(c, q, () -> "copy on " + other + ", other way round");
                    assertEquals(q, d, () -> "built on " + other);
                    assertEquals(q.hashCode(), d.hashCode(), () -> "hash on " + other);
                    assertEquals(q.toString(), d.toString(), () -> "ascii on " + other);
                    assertEquals(q, m.k(q.union(d)), () -> "union with the same set on " + other);
                    assertEquals(q, m.k(c.copyTo(arenaName())), () -> "copied back from " + other);
                }
            }
        });
    }

    /**
     * R29: the tree is canonical: no empty nodes, values distinct and in canonical order, siblings
     * ordered by key then first value, and no two same-key siblings share a value or an equal subtree.
     */
    @Test
    public void required_R29_treeIsCanonical() {
        Property.forAll("R29 the tree is canonical", QubeArbitraries.identifierSets(2), in -> {
            try (Made m = new Made()) {
                Qube a = m.k(qube(in.get(0)));
                Qube b = m.k(qube(in.get(1)));
                for (Qube q : List.of(a, m.k(a.union(b)), m.k(a.minus(b)), m.k(a.xor(b)), m.k(a.drop("class")))) {
                    checkCanonical(q.root(), new HashMap<>(), q);
                }
            }
        });
    }

    private static String shape(QubeNode n, Map<QubeNode, String> memo) {
        String s = memo.get(n);
        if (s == null) {
            StringBuilder b = new StringBuilder(n.endsIdentifier() ? "T[" : "F[");
            for (QubeNode c : n.children()) {
                b.append(c.key()).append('=').append(c.values()).append(shape(c, memo)).append(';');
            }
            s = b.append(']').toString();
            memo.put(n, s);
        }
        return s;
    }

    private static void checkCanonical(QubeNode n, Map<QubeNode, String> memo, Qube q) {
        List<QubeNode> cs = n.children();
        if (!n.isRoot()) {
            List<String> vs = n.values();
            assertFalse(vs.isEmpty(), () -> "node without values: " + n + " in\n" + q);
            for (int i = 1; i < vs.size(); i++) {
                assertTrue(ValueOrder.INSTANCE.compare(vs.get(i - 1), vs.get(i)) < 0,
                        "values distinct and in canonical order: " + vs);
            }
            assertTrue(n.endsIdentifier() || !cs.isEmpty(), () -> "empty node " + n + " in\n" + q);
        }
        for (int i = 1; i < cs.size(); i++) {
            QubeNode x = cs.get(i - 1);
            QubeNode y = cs.get(i);
            int c = ValueOrder.compareCodePoints(x.key(), y.key());
            assertTrue(c < 0 || c == 0 && ValueOrder.INSTANCE.compare(x.values().getFirst(), y.values().getFirst()) < 0,
                    () -> "siblings out of order: " + x + " before " + y + " in\n" + q);
        }
        for (int i = 0; i < cs.size(); i++) {
            for (int j = i + 1; j < cs.size() && cs.get(j).key().equals(cs.get(i).key()); j++) {
                QubeNode x = cs.get(i);
                QubeNode y = cs.get(j);
                assertTrue(Collections.disjoint(x.values(), y.values()),
                        () -> "same-key siblings share a value: " + x + " and " + y + " in\n" + q);
                assertNotEquals(shape(x, memo), shape(y, memo),
                        () -> "same-key siblings with equal subtrees were not merged: " + x + " and " + y + " in\n" + q);
            }
        }
        for (QubeNode c : cs) {
            checkCanonical(c, memo, q);
        }
    }

    /** R30: the datacubes are disjoint and cover exactly the identifiers. */
    @Test
    public void required_R30_datacubesCoverExactlyTheIdentifiers() {
        Property.forAll("R30 datacubes cover exactly the identifiers", QubeArbitraries.identifierSets(), ids -> {
            try (Made m = new Made()) {
                Qube q = m.k(qube(ids));
                var b = Qube.builder(arenaName());
                q.datacubes().forEach(b::add);
                assertEquals(q, m.k(b.build()));
                long sum = q.datacubes().map(Datacube::count).mapToLong(BigInteger::longValueExact).sum();
                assertEquals(q.count(), sum, "datacubes are disjoint");
            }
        });
    }

    // ================================================================== formats R31

    /** R31: every format of {@link #formats()} reads back what it wrote, and writes it again identically. */
    @Test
    public void required_R31_formatsRoundTrip() {
        List<dev.qube.QubeFormat> formats = formats();
        assertFalse(formats.isEmpty(), "no format to round-trip");
        Property.forAll("R31 formats round trip " + formats, QubeArbitraries.identifierSets(), ids -> {
            try (Made m = new Made()) {
                Qube q = m.k(qube(ids));
                for (dev.qube.QubeFormat f : formats) {
                    byte[] written = FormatRoundTrip.write(q, f);
                    Qube back = m.k(FormatRoundTrip.read(written, f, arenaName()));
                    assertEquals(arenaName(), back.arenaName(), f.id());
                    assertEquals(q, back, () -> f.id() + " read back a different qube from\n" + q);
                    assertEquals(q.toString(), back.toString(), f.id());
                    assertArrayEquals(written, FormatRoundTrip.write(back, f), () -> f.id() + " wrote the qube read back differently");
                }
            }
        });
    }

    // ================================================================== lifecycle R32-R34

    /** R32: every use of a closed qube throws {@link IllegalStateException}; closing twice is harmless. */
    @Test
    public void required_R32_closedQubeRejectsUse() {
        Property.forAll("R32 a closed qube rejects use", Math.max(5, Property.tries() / 5), QubeArbitraries.identifierSets(2), in -> {
            try (Qube b = qube(in.get(1))) {
                Qube a = qube(in.get(0));
                a.close();
                assertDoesNotThrow(a::close, "closing twice");
                assertTrue(a.isClosed());
                List<Runnable> uses = List.of(a::count, a::countExact, a::isEmpty, a::nodeCount, a::treeNodeCount,
                        a::depth, a::bytesInUse, a::axes, a::root, a::toString, a::hashCode,
                        () -> a.identifiers().count(), () -> a.datacubes().count(), () -> a.contains("class=od"),
                        () -> a.union(b), () -> b.union(a), () -> a.intersect(b), () -> b.minus(a), () -> a.xor(b),
                        () -> a.select(Selection.parse("class=od")), () -> a.drop("class"), a::squeeze,
                        () -> a.copyTo(arenaName()), () -> a.equals(b), () -> b.equals(a), () -> Qube.union(List.of(b, a)));
                for (int i = 0; i < uses.size(); i++) {
                    int use = i;
                    assertThrows(IllegalStateException.class, uses.get(i)::run, () -> "use #" + use + " of a closed qube");
                }
                assertFalse(b.isClosed(), "closing one qube closed another");
                assertEquals(Model.sorted(Model.of(in.get(1))), b.identifiers().toList());
            }
        });
    }

    /** R33: closing the inputs of an operation never changes or breaks its result. */
    @Test
    public void required_R33_closingInputsNeverBreaksOutputs() {
        Property.forAll("R33 closing inputs never breaks outputs", QubeArbitraries.identifierSets(2), in -> {
            try (Made m = new Made()) {
                Qube a = qube(in.get(0));
                Qube b = qube(in.get(1));
                List<Qube> results = List.of(m.k(a.union(b)), m.k(a.intersect(b)), m.k(a.minus(b)), m.k(a.xor(b)),
                        m.k(a.select(Selection.parse("class=od/rd/1"))), m.k(a.drop("class")), m.k(a.copyTo(arenaName())),
                        m.k(Qube.union(List.of(a, b))));
                List<String> before = results.stream().map(Qube::toString).toList();
                a.close();
                b.close();
                for (int i = 0; i < results.size(); i++) {
                    assertFalse(results.get(i).isClosed(), "result #" + i + " closed with its inputs");
                    assertEquals(before.get(i), results.get(i).toString(), "result #" + i + " after closing its inputs");
                }
                expect(Model.union(Model.of(in.get(0)), Model.of(in.get(1))), results.getFirst(), "union after closing inputs");
            }
        });
    }

    /** R34: results of operations live on the backend of their left operand. */
    @Test
    public void required_R34_resultsStayOnTheBackend() {
        Property.forAll("R34 results stay on the backend", Math.max(5, Property.tries() / 5), QubeArbitraries.identifierSets(2), in -> {
            try (Made m = new Made()) {
                Qube a = m.k(qube(in.get(0)));
                Qube b = m.k(qube(in.get(1)));
                assertEquals(arenaName(), a.arenaName());
                for (Qube r : List.of(m.k(a.union(b)), m.k(a.intersect(b)), m.k(a.minus(b)), m.k(a.xor(b)),
                        m.k(a.select(Selection.parse("a=1"))), m.k(a.drop("a")), m.k(a.squeeze()), m.k(Qube.union(List.of(a, b))))) {
                    assertEquals(arenaName(), r.arenaName());
                }
            }
        });
    }

    // ================================================================== concurrency R35

    /** R35 (needs {@link ArenaFeature#CONCURRENT_READS}): threads reading one qube and running operations on it agree with one thread. */
    @Test
    public void optional_R35_concurrentReadersAgreeWithOneThread() throws Exception {
        requireFeature(ArenaFeature.CONCURRENT_READS);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Property.forAll("R35 concurrent readers agree with one thread", Math.max(3, Property.tries() / 10),
                    QubeArbitraries.identifierSets(2), in -> {
                try (Qube q = qube(in.get(0)); Qube other = qube(in.get(1))) {
                    Callable<List<Object>> work = () -> reads(q, other, in.get(1));
                    List<Object> expected = work.call();
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<List<List<Object>>>> futures = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        futures.add(pool.submit(() -> {
                            start.await();
                            List<List<Object>> seen = new ArrayList<>();
                            for (int round = 0; round < 3; round++) {
                                seen.add(work.call());
                            }
                            return seen;
                        }));
                    }
                    start.countDown();
                    for (Future<List<List<Object>>> f : futures) {
                        for (List<Object> seen : f.get(60, TimeUnit.SECONDS)) {
                            assertEquals(expected, seen, "a reader thread saw something else than one thread alone");
                        }
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> reads(Qube q, Qube other, List<Identifier> probes) {
        List<Object> r = new ArrayList<>();
        r.add(q.toString());
        r.add(q.identifiers().toList());
        r.add(q.countExact());
        r.add(q.hashCode());
        r.add(q.axes());
        r.add(q.nodeCount());
        r.add(q.datacubes().map(Object::toString).toList());
        for (Identifier id : probes) {
            r.add(q.contains(id));
        }
        r.add(q.equals(other));
        try (Made m = new Made()) {
            r.add(m.k(q.union(other)).toString());
            r.add(m.k(q.intersect(other)).toString());
            r.add(m.k(q.minus(other)).toString());
            r.add(m.k(q.select(Selection.parse("class=od/rd/1,param=1/2"), SelectMode.RELAXED)).toString());
            r.add(m.k(q.drop("class")).toString());
        }
        return r;
    }

    // ================================================================== size R70-R71

    /** A pattern of bytes, period 251 (prime: it never lines up with an alignment or a power of two). */
    private static final MemorySegment PATTERN = patternSegment((2 << 20) + 256);

    private static MemorySegment patternSegment(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((i % 251) * 7 + 1);
        }
        return MemorySegment.ofArray(b);
    }

    /** Where in {@link #PATTERN} the bytes of allocation {@code k} start, so that neighbours differ. */
    private static long shift(int k) {
        return (k * 37L) % 251;
    }

    /** The first byte of {@code [off, off + size)} of {@code s} that is not allocation {@code k}'s pattern, or -1. */
    private static long mismatch(MemorySegment s, long off, long size, int k) {
        long m = MemorySegment.mismatch(s, off, off + size, PATTERN, shift(k), shift(k) + size);
        return m;
    }

    /**
     * Allocates the plan in one arena, writing each allocation's pattern; after every allocation it
     * checks alignment, bounds, that no two allocations overlap and that accounting is exact; after
     * every growth (and every 32 allocations) it checks every byte written so far.
     */
    private static long[] growAndCheck(String rule, MemoryArena arena, List<long[]> plan) {
        long[] offsets = new long[plan.size()];
        java.util.TreeMap<Long, long[]> taken = new java.util.TreeMap<>(); // start -> {end, k}
        long sizes = 0;
        long padding = 0;
        long end = 0;
        long reserved = arena.bytesReserved();
        long segSize = arena.segment().byteSize();
        for (int k = 0; k < plan.size(); k++) {
            long size = plan.get(k)[0];
            long align = plan.get(k)[1];
            long off = arena.allocate(size, align);
            MemorySegment s = arena.segment();
            int at = k;
            assertEquals(0, off % align, () -> rule + ": allocation #" + at + " at " + off + " not aligned to " + align);
            assertTrue(off >= 0 && off + size <= s.byteSize(), () -> rule + ": allocation #" + at + " [" + off + ", " + (off + size)
                    + ") outside the segment of " + s.byteSize() + " bytes");
            var below = taken.floorEntry(off + size - 1);
            if (below != null && below.getValue()[0] > off) {
                long[] b = below.getValue();
                fail(rule + ": allocation #" + at + " [" + off + ", " + (off + size) + ") overlaps allocation #" + b[1]
                        + " [" + below.getKey() + ", " + b[0] + ") once the arena holds " + end + " bytes");
            }
            taken.put(off, new long[] {off + size, k});
            offsets[k] = off;
            MemorySegment.copy(PATTERN, shift(k), s, off, size);
            sizes += size;
            padding += align - 1;
            end = Math.max(end, off + size);
            long used = arena.bytesInUse();
            long e = end;
            long sz = sizes;
            long p = padding;
            assertTrue(used >= e, () -> rule + ": bytesInUse " + used + " below the end " + e + " of allocation #" + at);
            assertTrue(used <= sz + p, () -> rule + ": bytesInUse " + used + " exceeds the " + sz + " bytes allocated plus at most "
                    + p + " of padding, after allocation #" + at);
            assertTrue(arena.bytesReserved() >= used, () -> rule + ": bytesReserved " + arena.bytesReserved() + " below bytesInUse " + used);
            assertTrue(s.byteSize() >= used, () -> rule + ": segment of " + s.byteSize() + " bytes shorter than bytesInUse " + used);
            boolean grew = arena.bytesReserved() != reserved || s.byteSize() != segSize;
            reserved = arena.bytesReserved();
            segSize = s.byteSize();
            if (grew || k % 32 == 31 || k == plan.size() - 1) {
                MemorySegment now = arena.segment();
                for (var t : taken.entrySet()) {
                    long start = t.getKey();
                    long[] v = t.getValue();
                    long m = mismatch(now, start, v[0] - start, (int) v[1]);
                    if (m >= 0) {
                        fail(rule + ": byte " + m + " of allocation #" + v[1] + " (at " + start + ", " + (v[0] - start)
                                + " bytes) changed when allocation #" + at + " " + (grew ? "grew the arena to " + reserved
                                + " bytes reserved" : "was made") + "; the arena held " + e + " bytes");
                    }
                }
            }
        }
        return offsets;
    }

    /**
     * R70: an arena grown to several MiB through many allocations of every size keeps every byte
     * written, never hands out overlapping ranges and accounts exactly, checked after every
     * growth step (not only at the end, and not only for small arenas).
     */
    @Test
    public void required_R70_growthToSeveralMiBKeepsEveryByte() {
        Property.forAll("R70 growth to several MiB keeps every byte", Math.max(2, Property.tries() / 40),
                QubeArbitraries.largeAllocations(), plan -> {
            try (MemoryArena arena = subject().open(0)) {
                growAndCheck("R70", arena, plan);
            }
        });
        // a size hint must not change the contract
        try (MemoryArena arena = subject().open(3L << 20)) {
            growAndCheck("R70 (sizeHint 3 MiB)", arena, QubeArbitraries.largeAllocations().next(new java.util.SplittableRandom(70), 30));
        }
    }

    /** Identifiers of a large qube: {@code n} of them, each with a value of its own, so that its arena grows past a MiB. */
    static List<Identifier> largeIdentifiers(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<String> classes = List.of("od", "rd", "Aa", "BB", "\u00e9", "e\u0301");
        List<Identifier> ids = new ArrayList<>(n);
        Set<String> seen = new HashSet<>();
        while (ids.size() < n) {
            int i = ids.size();
            String step = Long.toString(r.nextLong(1L << 40), 36) + (r.nextBoolean() ? "" : "-" + r.nextInt(1000));
            String[] kv = {"class", classes.get(i % classes.size()), "expver", String.format("%04d", i % 17),
                "date", Integer.toString(20240101 + i % 97), "param", Integer.toString(i % 251), "step", step};
            if (seen.add(String.join(",", kv))) {
                ids.add(Identifier.of(kv));
            }
        }
        return ids;
    }

    /**
     * R71: a qube of 20,000 identifiers (its arena about 2 MB) built on the backend agrees with
     * the model: every identifier in canonical order, count, contains, the union of its halves,
     * the difference with one half, and its copies on the default backend, both ways.
     */
    @Test
    public void required_R71_largeQubeAgreesWithModel() {
        List<Identifier> ids = largeIdentifiers(20_000, 71);
        List<Identifier> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        try (Made m = new Made()) {
            Qube q = m.k(qube(ids));
            assertTrue(q.bytesInUse() >= 1L << 20, () -> "R71 the qube was meant to fill more than a MiB, it uses " + q.bytesInUse());
            assertEquals(ids.size(), q.count(), "R71 count");
            List<Identifier> listed = q.identifiers().toList();
            for (int i = 0; i < sorted.size(); i++) {
                if (!sorted.get(i).equals(listed.get(i))) {
                    fail("R71 identifier #" + i + " of " + ids.size() + " reads back as " + listed.get(i) + ", expected " + sorted.get(i)
                            + " (the arena holds " + q.bytesInUse() + " bytes)");
                }
            }
            assertEquals(sorted.size(), listed.size(), "R71 identifiers listed");
            for (Identifier id : ids) {
                if (!q.contains(id)) {
                    fail("R71 contains " + id);
                }
            }
            Qube first = m.k(qube(ids.subList(0, ids.size() / 2)));
            Qube second = m.k(qube(ids.subList(ids.size() / 2, ids.size())));
            assertEquals(q, m.k(second.union(first)), "R71 the halves rejoin");
            assertEquals(second, m.k(q.minus(first)), "R71 the whole minus one half");
            Qube copy = m.k(q.copyTo(Discovery.defaultArena()));
            assertEquals(q, copy, "R71 equal to its copy on " + Discovery.defaultArena());
            assertEquals(q, m.k(copy.copyTo(arenaName())), "R71 copied back");
            assertEquals(q.hashCode(), copy.hashCode(), "R71 hash of the copy");
        }
    }

    // ================================================================== threads R72-R75

    /** Arenas grown by contention rounds: to about 128 KiB, through every size class. */
    private static List<long[]> roundPlan(int thread, int round) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(thread * 1_000_003L + round);
        List<long[]> plan = new ArrayList<>();
        for (long size = 8; size <= 64 << 10; size *= 2) {
            plan.add(new long[] {size + r.nextInt(64), 1L << r.nextInt(4)});
            plan.add(new long[] {1 + r.nextInt(24), 1L << r.nextInt(4)});
        }
        return plan;
    }

    /**
     * R72: different threads use different arenas of the backend at the same time (as the engine
     * does when it reads a listing or unions many qubes on several threads): four threads, many
     * rounds that start together and go on until the threads have provably run at the same time;
     * the threads grow arenas of their own to 128 KiB and check every byte at every step, and
     * one of them, every other step, reads arenas the main thread filled beforehand while the
     * others grow.
     */
    @Test
    public void required_R72_arenasAreIndependentAcrossThreads() {
        int threads = 4;
        int rounds = Math.max(3, Property.tries() / 50);
        List<MemoryArena> prepared = new ArrayList<>();
        List<List<long[]>> preparedPlans = new ArrayList<>();
        List<long[]> preparedOffsets = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                MemoryArena a = subject().open(0);
                prepared.add(a);
                List<long[]> plan = roundPlan(t, -1);
                preparedPlans.add(plan);
                preparedOffsets.add(growAndCheck("R72", a, plan));
            }
            Contention.untilCollided("R72 arenas are independent across threads", threads, rounds, 300, 3_000, (round, t, i) -> {
                if (t == 0 && i % 2 == 1) {
                    checkPrepared(prepared.get(i / 2 % threads), preparedPlans.get(i / 2 % threads),
                            preparedOffsets.get(i / 2 % threads), t, round);
                } else {
                    try (MemoryArena a = subject().open(0)) {
                        growAndCheck("R72 (an arena grown on thread " + t + " in round " + round + ")", a, roundPlan(t, round * 10_000 + i));
                    }
                }
            }, done -> { });
        } finally {
            prepared.forEach(MemoryArena::close);
        }
    }

    /** Checks the bytes of an arena filled by {@link #growAndCheck}. */
    private static void checkPrepared(MemoryArena arena, List<long[]> plan, long[] offsets, int t, int round) {
        for (int k = 0; k < plan.size(); k++) {
            long m = mismatch(arena.segment(), offsets[k], plan.get(k)[0], k); // segment() each time: it is what collides
            if (m >= 0) {
                fail("R72 byte " + m + " of allocation #" + k + " (at " + offsets[k] + ") of an arena read on thread " + t
                        + " in round " + round + " changed while other threads grew arenas of their own");
            }
        }
    }

    /** Runs {@code work} on a thread of its own and returns its result (the engine hands work over the same way). */
    private static <T> T onAnotherThread(String what, Callable<T> work) {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            return one.submit(work).get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw new AssertionError("R73 " + what + " on another thread failed: " + c, c);
        } catch (Exception e) {
            throw new AssertionError("R73 " + what + " on another thread: " + e, e);
        } finally {
            one.shutdownNow();
        }
    }

    /** A chain of {@code depth} keys below each of a few roots: deeper than the engine works on the caller's stack. */
    private static List<Identifier> deepIdentifiers(int depth, int branches) {
        List<Identifier> out = new ArrayList<>();
        for (int b = 0; b < branches; b++) {
            String[] kv = new String[2 * depth];
            for (int i = 0; i < depth; i++) {
                kv[2 * i] = "k" + i;
                kv[2 * i + 1] = i == depth - 1 ? Integer.toString(b) : "v" + (b % 2);
            }
            out.add(Identifier.of(kv));
        }
        return out;
    }

    /**
     * R73 (the thread contract): the engine's own multi-threaded paths work on the backend and
     * give what one thread gives: a many-way union cut into runs on several threads
     * ({@code Qube.union(many, threads)}), a listing larger than a MiB read on several threads
     * ({@link dev.qube.ReadOptions#withThreads}), operations on trees deeper than the caller's
     * stack allows (run on a thread of their own), a qube built on one thread and read, combined
     * and closed on another, and a builder handed from one thread to the next. An arena must
     * therefore be usable from any thread (never confined to the thread that opened it); the
     * engine never uses one arena from two threads at once unless the backend declares
     * {@link ArenaFeature#CONCURRENT_READS}.
     */
    @Test
    public void required_R73_engineThreadsWorkOnTheBackend() throws Exception {
        try {
            engineThreads();
        } catch (RuntimeException e) {
            throw new AssertionError("R73 the engine's own threads failed on backend '" + arenaName() + "': " + e, e);
        }
    }

    private void engineThreads() throws Exception {
        try (Made m = new Made()) {
            // many-way union on several threads: more than 2 x 1024 inputs, so it is cut into runs
            List<Identifier> all = largeIdentifiers(2_200, 73);
            List<Qube> singles = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                singles.add(m.k(qube(all.subList(i, Math.min(all.size(), i + 1 + i % 3)))));
            }
            Qube oneThread = m.k(Qube.union(singles, 1));
            assertEquals(Model.sorted(Model.of(all)), oneThread.identifiers().toList(), "R73 union of many on one thread");
            Qube threads = m.k(Qube.union(singles, 4));
            assertEquals(arenaName(), threads.arenaName(), "R73 union of many on four threads stays on the backend");
            assertEquals(oneThread, threads, "R73 union of many on four threads");
            assertEquals(oneThread.toString(), threads.toString(), "R73 union of many on four threads, printed");
            // the same qube listed more than once in a long union
            List<Qube> repeated = new ArrayList<>(singles);
            repeated.addAll(singles);
            assertEquals(oneThread, m.k(Qube.union(repeated, 4)), "R73 union of many with every input twice");

            // a listing of more than a MiB, read on several threads
            List<Identifier> large = largeIdentifiers(22_000, 730);
            Qube listed = m.k(qube(large));
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            dev.qube.QubeIO.write(listed, dev.qube.QubeFormat.IDS, text);
            assertTrue(text.size() > 1 << 20, "R73 the listing was meant to exceed a MiB");
            for (int n : List.of(4)) {
                Qube read = m.k(dev.qube.QubeIO.read(new java.io.ByteArrayInputStream(text.toByteArray()), "R73.ids",
                        dev.qube.QubeFormat.IDS, dev.qube.ReadOptions.defaults().withArena(arenaName()).withThreads(n)));
                assertEquals(arenaName(), read.arenaName(), "R73 a listing read on " + n + " threads stays on the backend");
                assertEquals(listed, read, "R73 a listing read on " + n + " threads");
            }

            // trees deeper than the caller's stack: the engine runs their operations on a thread of its own
            List<Identifier> deepA = deepIdentifiers(600, 3);
            List<Identifier> deepB = deepIdentifiers(600, 5);
            Qube a = m.k(qube(deepA));
            Qube b = m.k(qube(deepB));
            expect(Model.union(Model.of(deepA), Model.of(deepB)), m.k(a.union(b)), "R73 union of deep qubes");
            expect(Model.minus(Model.of(deepB), Model.of(deepA)), m.k(b.minus(a)), "R73 minus of deep qubes");
            expect(Model.of(deepA), m.k(a.copyTo(arenaName())), "R73 copy of a deep qube");

            // built on one thread, used and closed on another; a builder handed over half-way
            List<Identifier> ids = all.subList(0, 500);
            Qube built = onAnotherThread("building", () -> qube(ids));
            Qube here = m.k(qube(ids));
            assertEquals(here, built, "R73 a qube built on another thread");
            Qube combined = m.k(onAnotherThread("union", () -> built.union(here)));
            assertEquals(here, combined, "R73 a union computed on another thread");
            onAnotherThread("closing", () -> {
                built.close();
                return null;
            });
            assertTrue(built.isClosed(), "R73 closed on another thread");
            dev.qube.QubeBuilder half = Qube.builder(arenaName());
            ids.subList(0, 250).forEach(half::add);
            Qube finished = m.k(onAnotherThread("finishing a builder", () -> {
                ids.subList(250, ids.size()).forEach(half::add);
                return half.build();
            }));
            assertEquals(here, finished, "R73 a builder filled on two threads, one after the other");
        }
    }

    /**
     * R74 (needs {@link ArenaFeature#CONCURRENT_READS}): readers collide for real. Four threads,
     * rounds that start together and go on until the threads have provably run at the same time:
     * three read the same qubes (and the same raw arena) and combine them, while the fourth builds
     * new qubes on the backend, so that other arenas grow during the reads. Every thread sees
     * exactly what one thread alone sees.
     */
    @Test
    public void optional_R74_readersCollideWhileOtherArenasGrow() throws Exception {
        requireFeature(ArenaFeature.CONCURRENT_READS);
        int threads = 4;
        int rounds = Math.max(3, Property.tries() / 50);
        java.util.SplittableRandom r = new java.util.SplittableRandom(74);
        try (Made m = new Made(); MemoryArena raw = subject().open(0)) {
            List<List<Identifier>> sets = new ArrayList<>();
            List<Qube> shared = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<Identifier> ids = QubeArbitraries.identifierSets().next(r, 30);
                sets.add(ids);
                shared.add(m.k(qube(ids)));
            }
            List<List<Object>> expected = new ArrayList<>();
            for (int i = 0; i < shared.size(); i++) {
                expected.add(reads(shared.get(i), shared.get((i + 1) % shared.size()), sets.get((i + 1) % sets.size())));
            }
            List<long[]> rawPlan = roundPlan(99, 99);
            long[] rawOffsets = growAndCheck("R74", raw, rawPlan);
            Contention.untilCollided("R74 readers collide while other arenas grow", threads, rounds, 6, 600, (round, t, step) -> {
                if (t == threads - 1) {
                    List<Identifier> ids = largeIdentifiers(300 + step % 7, step);
                    try (Qube q = qube(ids)) {
                        assertEquals(Model.sorted(Model.of(ids)), q.identifiers().toList(), "R74 a qube built during the reads");
                    }
                    return;
                }
                for (int k = 0; k < rawPlan.size(); k++) {
                    long mm = mismatch(raw.segment(), rawOffsets[k], rawPlan.get(k)[0], k);
                    assertTrue(mm < 0, "R74 a raw arena read by several threads at once: byte " + mm + " of allocation #" + k);
                }
                int i = (step + t) % shared.size(); // threads start on different qubes, and meet on each
                List<Object> seen = reads(shared.get(i), shared.get((i + 1) % shared.size()), sets.get((i + 1) % sets.size()));
                assertEquals(expected.get(i), seen, "R74 a reader thread saw something else than one thread alone");
            }, done -> { });
        }
    }

    // ================================================================== real data R47

    /**
     * R47: a real catalogue (the Climate DT FDB listing of {@code -Dqube.data}, 56,950
     * identifiers) built on the backend agrees with the model, round-trips through ASCII, equals
     * its copies on the other backends, and splits and rejoins exactly. Skipped when the data is absent.
     */
    @Test
    public void required_R47_realCatalogueAgreesWithModel() throws java.io.IOException {
        String dir = System.getProperty("qube.data");
        java.nio.file.Path file = dir == null ? null : java.nio.file.Path.of(dir, "fdb_list_porcelain.gz");
        Assumptions.assumeTrue(file != null && java.nio.file.Files.isReadable(file),
                () -> "skipped: real data not found (-Dqube.data=" + dir + " should hold fdb_list_porcelain.gz)");
        List<Identifier> ids = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file)), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("{")) { // the listing interleaves PRE-MAIN-ERROR diagnostics
                    List<String> kv = new ArrayList<>();
                    for (String pair : line.substring(1, line.length() - 1).replace("}{", ",").split(",")) {
                        int eq = pair.indexOf('=');
                        kv.add(pair.substring(0, eq));
                        kv.add(pair.substring(eq + 1));
                    }
                    ids.add(Identifier.of(kv.toArray(String[]::new)));
                }
            }
        }
        // the model, kept cheap for 56,950 identifiers: a hash set, and order checked pairwise
        Set<Identifier> all = new HashSet<>(ids);
        assertEquals(56_950, all.size(), "identifiers in fdb_list_porcelain.gz");
        List<Identifier> firstHalf = ids.subList(0, ids.size() / 2);
        Set<Identifier> firstSet = new HashSet<>(firstHalf);
        try (Made m = new Made()) {
            Qube q = m.k(qube(ids));
            assertEquals(all.size(), q.count(), "count");
            List<Identifier> listed = q.identifiers().toList();
            assertEquals(all, new HashSet<>(listed), "identifiers");
            for (int i = 1; i < listed.size(); i++) {
                assertTrue(listed.get(i - 1).compareTo(listed.get(i)) < 0, "identifiers in canonical order");
            }
            Qube back = m.k(Qube.parse(new java.io.StringReader(q.toString()), file.toString(), arenaName()));
            assertEquals(q, back, "ascii round trip");
            Qube first = m.k(qube(firstHalf));
            Qube second = m.k(qube(ids.subList(ids.size() / 2, ids.size())));
            assertEquals(q, m.k(second.union(first)), "the halves rejoin");
            List<Identifier> rest = all.stream().filter(id -> !firstSet.contains(id)).toList();
            assertEquals(m.k(qube(rest)), m.k(q.minus(first)), "minus the first half");
            assertEquals(rest.size(), m.k(q.minus(first)).count(), "count of the difference");
            List<Identifier> both = ids.subList(ids.size() / 2, ids.size()).stream().filter(firstSet::contains).toList();
            assertEquals(m.k(qube(both)), m.k(first.intersect(second)), "the halves' intersection");
            for (String other : Discovery.arenaNames()) {
                Qube c = m.k(q.copyTo(other));
                assertEquals(q, c, () -> "copy on " + other);
                assertEquals(q.hashCode(), c.hashCode(), () -> "hash on " + other);
            }
        }
    }

    // ================================================================== memory arena contract R36-R46

    /** R36: the provider is found by {@link java.util.ServiceLoader} under its name, which is stable and lower case. */
    @Test
    public void required_R36_providerIsRegisteredUnderItsName() {
        ArenaProvider p = subject();
        String name = p.name();
        assertTrue(name != null && !name.isBlank() && name.equals(name.strip().toLowerCase(Locale.ROOT)),
                () -> "a backend name is lower case, without surrounding blanks: '" + name + "'");
        assertEquals(name, provider().name(), "name() is stable");
        ProviderName declared = p.getClass().getAnnotation(ProviderName.class);
        if (declared != null) {
            assertEquals(name, declared.value(), "@ProviderName must equal name()");
        }
        boolean found = Discovery.raw(ArenaProvider.class).stream()
                .anyMatch(x -> x.type() == p.getClass() && Discovery.nameOf(x, ArenaProvider::name).equals(name));
        assertTrue(found, () -> p.getClass().getName() + " is not registered: add it to META-INF/services/"
                + ArenaProvider.class.getName() + " (class path) or 'provides " + ArenaProvider.class.getName()
                + " with " + p.getClass().getName() + "' (module path)");
        try (Qube q = Qube.builder(name).add("class=od").build()) {
            assertEquals(name, q.arenaName());
        }
    }

    private static byte pattern(int allocation, long i) {
        return (byte) (allocation * 31 + i * 7 + 1);
    }

    /** R37: allocations are aligned as asked, inside the segment, and never overlap. */
    @Test
    public void required_R37_allocationsAreAlignedAndDisjoint() {
        Property.forAll("R37 allocations are aligned and disjoint", QubeArbitraries.allocations(), plan -> {
            try (MemoryArena arena = subject().open(0)) {
                List<long[]> taken = new ArrayList<>();
                for (long[] a : plan) {
                    long off = arena.allocate(a[0], a[1]);
                    assertEquals(0, off % a[1], () -> "offset " + off + " not aligned to " + a[1]);
                    assertTrue(off >= 0 && off + a[0] <= arena.segment().byteSize(),
                            () -> "allocation [" + off + ", " + (off + a[0]) + ") outside the segment of " + arena.segment().byteSize());
                    taken.add(new long[] {off, off + a[0]});
                }
                taken.sort((x, y) -> Long.compare(x[0], y[0]));
                for (int i = 1; i < taken.size(); i++) {
                    long[] x = taken.get(i - 1);
                    long[] y = taken.get(i);
                    assertTrue(x[1] <= y[0], () -> "allocations overlap: [" + x[0] + ", " + x[1] + ") and [" + y[0] + ", " + y[1] + ")");
                }
            }
        });
    }

    /** R38: bytes written survive every later allocation (and the growth it causes). */
    @Test
    public void required_R38_growthKeepsWrittenBytes() {
        Property.forAll("R38 growth keeps written bytes", QubeArbitraries.allocations(), plan -> {
            try (MemoryArena arena = subject().open(0)) {
                List<long[]> taken = new ArrayList<>();
                for (long[] a : plan) {
                    long off = arena.allocate(a[0], a[1]);
                    MemorySegment s = arena.segment();
                    int k = taken.size();
                    for (long i = 0; i < a[0]; i++) {
                        s.set(ValueLayout.JAVA_BYTE, off + i, pattern(k, i));
                    }
                    taken.add(new long[] {off, a[0]});
                }
                MemorySegment s = arena.segment();
                for (int k = 0; k < taken.size(); k++) {
                    long[] t = taken.get(k);
                    byte[] now = s.asSlice(t[0], t[1]).toArray(ValueLayout.JAVA_BYTE);
                    for (int i = 0; i < now.length; i++) {
                        if (now[i] != pattern(k, i)) {
                            fail("byte " + i + " of allocation #" + k + " (at " + t[0] + ", " + t[1]
                                    + " bytes) was lost after later allocations grew the arena to " + arena.bytesReserved() + " bytes");
                        }
                    }
                }
            }
        });
    }

    /** R39: bytes in use start at 0 and are exactly what was allocated plus alignment padding. */
    @Test
    public void required_R39_bytesInUseIsExact() {
        Property.forAll("R39 bytes in use are exact", QubeArbitraries.allocations(), plan -> {
            try (MemoryArena arena = subject().open(0)) {
                assertEquals(0, arena.bytesInUse(), "a fresh arena uses no bytes");
                long sizes = 0;
                long padding = 0;
                long end = 0;
                for (long[] a : plan) {
                    long off = arena.allocate(a[0], a[1]);
                    sizes += a[0];
                    padding += a[1] - 1;
                    end = Math.max(end, off + a[0]);
                    long used = arena.bytesInUse();
                    long s = sizes;
                    long p = padding;
                    assertTrue(used >= end, () -> "bytesInUse " + used + " below the end of an allocation");
                    assertTrue(used <= s + p, () -> "bytesInUse " + used + " exceeds the " + s + " bytes allocated plus at most " + p + " of padding");
                    assertTrue(arena.bytesReserved() >= used, "bytesReserved below bytesInUse");
                    assertTrue(arena.segment().byteSize() >= used, "segment shorter than bytesInUse");
                }
            }
        });
    }

    /** R40: an allocation past the limit throws {@link ArenaFullException} and changes nothing. */
    @Test
    public void required_R40_fullArenaThrowsAndStaysIntact() {
        try (MemoryArena arena = subject().open(0)) {
            long off = arena.allocate(1000, 8);
            for (int i = 0; i < 1000; i++) {
                arena.segment().set(ValueLayout.JAVA_BYTE, off + i, pattern(1, i));
            }
            long used = arena.bytesInUse();
            assertThrows(ArenaFullException.class, () -> arena.allocate(MemoryArena.MAX_BYTES, 8),
                    "allocating more than MemoryArena.MAX_BYTES");
            assertEquals(used, arena.bytesInUse(), "a failed allocation changed bytesInUse");
            for (int i = 0; i < 1000; i++) {
                assertEquals(pattern(1, i), arena.segment().get(ValueLayout.JAVA_BYTE, off + i), "a failed allocation changed data");
            }
            long next = arena.allocate(16, 8);
            assertTrue(next >= off + 1000, "the arena is usable after a failed allocation");
        }
    }

    /** R41: after close, {@code segment()} and {@code allocate} throw {@link IllegalStateException}; closing twice is harmless. */
    @Test
    public void required_R41_closedArenaRejectsUse() {
        MemoryArena arena = subject().open(0);
        arena.allocate(100, 8);
        assertFalse(arena.isClosed());
        arena.close();
        assertTrue(arena.isClosed());
        assertThrows(IllegalStateException.class, arena::segment, "segment() after close");
        assertThrows(IllegalStateException.class, () -> arena.allocate(8, 8), "allocate after close");
        assertDoesNotThrow(arena::close, "closing twice");
        assertTrue(arena.isClosed());
    }

    /** R42: after close an arena holds no bytes: bytes in use and bytes reserved are 0. */
    @Test
    public void required_R42_closeReturnsAllBytes() {
        Property.forAll("R42 close returns all bytes", QubeArbitraries.allocations(), plan -> {
            MemoryArena arena = subject().open(0);
            for (long[] a : plan) {
                arena.allocate(a[0], a[1]);
            }
            arena.close();
            assertEquals(0, arena.bytesInUse(), "bytesInUse after close");
            assertEquals(0, arena.bytesReserved(), "bytesReserved after close");
        });
    }

    /**
     * R43: memory of a closed arena is never handed to another arena while a segment obtained
     * before close can still see it: reading that segment either throws
     * {@link IllegalStateException} or shows the bytes written before close.
     */
    @Test
    public void required_R43_closedMemoryIsNeverReused() {
        Property.forAll("R43 closed memory is never reused", Math.max(5, Property.tries() / 5), QubeArbitraries.allocations(), plan -> {
            MemoryArena first = subject().open(0);
            for (long[] a : plan) {
                first.allocate(a[0], a[1]);
            }
            long total = first.bytesInUse();
            MemorySegment old = first.segment();
            old.asSlice(0, total).fill((byte) 0x5A);
            first.close();
            List<MemoryArena> later = new ArrayList<>();
            try {
                for (int n = 0; n < 4; n++) {
                    MemoryArena next = subject().open(0);
                    later.add(next);
                    for (long[] a : plan) {
                        next.allocate(a[0], a[1]);
                    }
                    next.segment().asSlice(0, next.bytesInUse()).fill((byte) 0xC3);
                }
                byte[] seen;
                try {
                    seen = old.asSlice(0, total).toArray(ValueLayout.JAVA_BYTE);
                } catch (IllegalStateException invalidated) {
                    return; // the backend invalidates segments on close: nothing stale can be seen
                }
                for (int i = 0; i < seen.length; i++) {
                    byte b = seen[i];
                    int at = i;
                    assertEquals((byte) 0x5A, b, () -> "byte " + at + " of a closed arena's segment now reads 0x"
                            + Integer.toHexString(b & 0xff) + ": its memory was "
                            + (b == (byte) 0xC3 ? "handed to another arena" : "changed after close"));
                }
            } finally {
                later.forEach(MemoryArena::close);
            }
        });
    }

    /** R44 (needs {@link ArenaFeature#INVALIDATES_ON_CLOSE}): a segment obtained before close throws on access after it. */
    @Test
    public void optional_R44_closeInvalidatesSegments() {
        requireFeature(ArenaFeature.INVALIDATES_ON_CLOSE);
        MemoryArena arena = subject().open(0);
        long off = arena.allocate(64, 8);
        MemorySegment s = arena.segment();
        s.set(ValueLayout.JAVA_LONG, off, 42L);
        arena.close();
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_LONG, off), "reading a segment after close");
        assertThrows(IllegalStateException.class, () -> s.set(ValueLayout.JAVA_LONG, off, 1L), "writing a segment after close");
    }

    /** R45 (needs {@link ArenaFeature#NATIVE_MEMORY}): the segment is native memory, before and after growth. */
    @Test
    public void optional_R45_memoryIsNative() {
        requireFeature(ArenaFeature.NATIVE_MEMORY);
        try (MemoryArena arena = subject().open(0)) {
            arena.allocate(8, 8);
            assertTrue(arena.segment().isNative(), "segment of a NATIVE_MEMORY arena");
            arena.allocate(1 << 20, 8);
            assertTrue(arena.segment().isNative(), "segment of a NATIVE_MEMORY arena after growth");
        }
    }

    /**
     * R46 (needs {@link ArenaFeature#SIZE_BOUND}): allocating past the bound throws
     * {@link ArenaFullException} within {@link #sizeBoundProbeBytes()}, leaving the arena intact.
     */
    @Test
    public void optional_R46_sizeBoundIsEnforced() {
        requireFeature(ArenaFeature.SIZE_BOUND);
        long chunk = 1 << 20;
        try (MemoryArena arena = subject().open(0)) {
            long first = arena.allocate(64, 8);
            arena.segment().set(ValueLayout.JAVA_LONG, first, 0x0123456789abcdefL);
            long limit = sizeBoundProbeBytes();
            while (arena.bytesInUse() + chunk <= limit) {
                long used = arena.bytesInUse();
                try {
                    arena.allocate(chunk, 8);
                } catch (ArenaFullException full) {
                    assertEquals(used, arena.bytesInUse(), "a failed allocation changed bytesInUse");
                    assertEquals(0x0123456789abcdefL, arena.segment().get(ValueLayout.JAVA_LONG, first), "data after ArenaFullException");
                    return;
                }
            }
            fail("a SIZE_BOUND arena allocated " + arena.bytesInUse() + " bytes without ArenaFullException;"
                    + " override sizeBoundProbeBytes() if its bound is larger");
        }
    }
}
