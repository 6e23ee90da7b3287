package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.ValueOrder;
import dev.qube.spi.Codecs;
import dev.qube.spi.Partition;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.property.Gen;
import dev.qube.tests.property.Property;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite for a value codec: extend it and return your codec from {@link #codec()}.
 * Rules R50–R55 check the {@link ValueCodec} contract directly on generated value sets (those the
 * codec accepts: {@link ValueCodec#encodedSize} not {@code -1}); rules R56–R57 make the engine
 * write with this codec alone ({@link Codecs#use}) and check set operations against the
 * {@link Model}, with both sides encoded by this codec and with the other side in the built-in
 * {@code utf8} codec. The codec need not be registered for {@link java.util.ServiceLoader}.
 *
 * <p>Override {@link #valueSets()} when the default generator seldom produces texts your codec
 * encodes (rule R58 fails when it almost never does), and {@link #arenaName()} to pick the backend
 * engine rules run on.
 */
public abstract class CodecVerification {

    private ValueCodec underTest;

    /** For subclasses, which name the codec under test. */
    protected CodecVerification() {
    }

    /** The codec under test. */
    protected abstract ValueCodec codec();

    /** Value sets to try (distinct, canonical order, not empty); by default {@link QubeArbitraries#valueSets()}. */
    protected Gen<List<String>> valueSets() {
        return QubeArbitraries.valueSets();
    }

    /** The backend engine rules run on: {@code -Dqube.arena}, else {@code heap} when present, else the first found. */
    protected String arenaName() {
        return Discovery.defaultArena();
    }

    /** The codec under test, asked for once per test. */
    protected final ValueCodec subject() {
        if (underTest == null) {
            underTest = codec();
        }
        return underTest;
    }

    /** Value sets the codec accepts; the rest are not its business. */
    private Gen<List<String>> accepted() {
        Gen<List<String>> all = valueSets();
        ValueCodec c = subject();
        return new Gen<>() {
            @Override
            public List<String> next(SplittableRandom r, int size) {
                List<String> v = List.of();
                for (int i = 0; i < 50; i++) {
                    v = all.next(r, size);
                    if (c.encodedSize(v) >= 0) {
                        return v;
                    }
                }
                return v;
            }

            @Override
            public java.util.stream.Stream<List<String>> shrink(List<String> v) {
                return all.shrink(v).filter(x -> c.encodedSize(x) >= 0);
            }
        };
    }

    private record Encoded(MemorySegment segment, long offset, long size) {
    }

    /** Encodes at an offset inside a larger segment whose other bytes hold a sentinel. */
    private Encoded encode(List<String> values, long at) {
        long size = subject().encodedSize(values);
        MemorySegment s = MemorySegment.ofArray(new long[(int) ((at + size + 16 + 7) / 8)]);
        s.fill((byte) 0xA5);
        subject().encode(values, s, at);
        return new Encoded(s, at, size);
    }

    // ================================================================== codec contract R50-R55

    /** R50: the name is non-blank, without blanks, commas or slashes, and stable. */
    @Test
    public void required_R50_nameIsValidAndStable() {
        String n = subject().name();
        assertTrue(n != null && !n.isEmpty() && n.chars().noneMatch(ch -> Character.isWhitespace(ch) || ch == ',' || ch == '/'),
                () -> "codec name '" + n + "'");
        assertEquals(n, subject().name());
        assertEquals(n, codec().name(), "a new instance has the same name");
    }

    /** R51: encode writes exactly {@code encodedSize} bytes at the offset, deterministically. */
    @Test
    public void required_R51_encodedSizeIsExact() {
        Property.forAll("R51 encoded size is exact (" + subject().name() + ")", accepted(), values -> {
            if (subject().encodedSize(values) < 0) {
                return;
            }
            assertEquals(subject().encodedSize(values), subject().encodedSize(values), "encodedSize is deterministic");
            Encoded e = encode(values, 8);
            byte[] all = e.segment().toArray(ValueLayout.JAVA_BYTE);
            for (int i = 0; i < all.length; i++) {
                if ((i < e.offset() || i >= e.offset() + e.size()) && all[i] != (byte) 0xA5) {
                    fail("encode wrote byte " + (i - e.offset()) + " relative to the offset, outside the "
                            + e.size() + " bytes encodedSize promised");
                }
            }
            Encoded again = encode(values, 8);
            assertArrayEquals(all, again.segment().toArray(ValueLayout.JAVA_BYTE), "encode is deterministic");
        });
    }

    /** R52: decoding gives back exactly the texts encoded (no value lost, added or altered) and count agrees. */
    @Test
    public void required_R52_encodingIsLossless() {
        Property.forAll("R52 encoding is lossless (" + subject().name() + ")", accepted(), values -> {
            if (subject().encodedSize(values) < 0) {
                return;
            }
            Encoded e = encode(values, 8);
            List<String> out = new ArrayList<>();
            subject().decode(e.segment(), e.offset(), out);
            assertEquals(values.size(), subject().count(e.segment(), e.offset()), "count");
            assertEquals(values.size(), out.size(), () -> "decoded " + out.size() + " values: " + out);
            assertEquals(new HashSet<>(values), new HashSet<>(out), "decoded texts");
        });
    }

    /** R53: iteration (decode) is in canonical order ({@link ValueOrder}), each value once. */
    @Test
    public void required_R53_iterationIsCanonicalOrder() {
        Property.forAll("R53 iteration is canonical order (" + subject().name() + ")", accepted(), values -> {
            if (subject().encodedSize(values) < 0) {
                return;
            }
            Encoded e = encode(values, 8);
            List<String> out = new ArrayList<>();
            subject().decode(e.segment(), e.offset(), out);
            for (int i = 1; i < out.size(); i++) {
                int at = i;
                assertTrue(ValueOrder.INSTANCE.compare(out.get(i - 1), out.get(i)) < 0,
                        () -> "decoded out of canonical order at " + at + ": " + out);
            }
        });
    }

    /** R54: {@code contains} is true exactly for the encoded texts, look-alikes included. */
    @Test
    public void required_R54_containsAgreesWithTheSet() {
        Property.forAll("R54 contains agrees with the set (" + subject().name() + ")", accepted(), values -> {
            if (subject().encodedSize(values) < 0) {
                return;
            }
            Encoded e = encode(values, 8);
            Set<String> probes = new LinkedHashSet<>(values);
            probes.addAll(QubeArbitraries.LOOKALIKES);
            for (String v : values) {
                probes.add("0" + v);
                probes.add(v + "0");
                probes.add("-" + v);
                probes.add(v + ".0");
            }
            Set<String> in = new HashSet<>(values);
            for (String p : probes) {
                assertEquals(in.contains(p), subject().contains(e.segment(), e.offset(), p), () -> "contains '" + p + "' in " + values);
            }
        });
    }

    /** R55: the three-way partition of two sets of this codec equals the model's ({@link Partition#of}). */
    @Test
    public void required_R55_partitionEqualsModel() {
        Gen<List<String>> accepted = accepted();
        Property.forAll("R55 partition equals the model (" + subject().name() + ")", QubeArbitraries.valueSetPairs(accepted), pair -> {
            List<String> a = pair.get(0);
            List<String> b = pair.get(1);
            if (subject().encodedSize(a) < 0 || subject().encodedSize(b) < 0) {
                return;
            }
            Encoded ea = encode(a, 8);
            Encoded eb = encode(b, 16);
            assertEquals(Partition.of(a, b), subject().partition(ea.segment(), ea.offset(), eb.segment(), eb.offset()),
                    () -> "partition of " + a + " and " + b);
            assertEquals(Partition.of(a, a), subject().partition(ea.segment(), ea.offset(), ea.segment(), ea.offset()),
                    () -> "partition of " + a + " with itself");
        });
    }

    // ================================================================== through the engine R56-R58

    private void operations(String name, boolean mixed) {
        String arena = arenaName();
        requireBackend(arena);
        List<ValueCodec> only = List.of(subject());
        Property.forAll(name, QubeArbitraries.identifierSetsSharingValues(2, valueSets()), in -> {
            try (Made m = new Made()) {
                Qube a = m.k(using(only, () -> build(in.get(0), arena)));
                Qube b = m.k(using(mixed ? List.of() : only, () -> build(in.get(1), arena)));
                var ma = Model.of(in.get(0));
                var mb = Model.of(in.get(1));
                using(only, () -> {
                    assertEquals(Model.sorted(ma), a.identifiers().toList(), "round trip");
                    check(m, "union", a.union(b), Model.union(ma, mb));
                    check(m, "intersect", a.intersect(b), Model.intersect(ma, mb));
                    check(m, "minus", a.minus(b), Model.minus(ma, mb));
                    check(m, "minus, other way", b.minus(a), Model.minus(mb, ma));
                    check(m, "xor", a.xor(b), Model.xor(ma, mb));
                    for (Identifier id : in.get(1)) {
                        assertEquals(ma.contains(id.pairs()), a.contains(id), () -> "contains " + id);
                    }
                    assertEquals(a, m.k(a.copyTo(arena)), "equal to its copy");
                    return null;
                });
            }
        });
    }

    /**
     * Fails at once, with the cause, when the backend the engine rules run on is missing: a
     * property would otherwise fail on its first case and shrink it, hiding the real reason.
     */
    private static void requireBackend(String arena) {
        try {
            Qube.builder(arena).abandon();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new AssertionError("rules R56-R57 run the engine on a memory backend, and '" + arena + "' is not available: "
                    + e.getMessage() + " Add dev.qube:qube-arena-heap (test scope) next to qube-tests, or override arenaName().", e);
        }
    }

    /** Runs {@code work} while the engine writes with exactly {@code codecs} (and the utf8 fallback). */
    private static <T> T using(List<ValueCodec> codecs, java.util.function.Supplier<T> work) {
        Codecs.Scope scope = Codecs.use(codecs);
        try {
            return work.get();
        } finally {
            scope.close();
        }
    }

    private static Qube build(List<Identifier> ids, String arena) {
        var b = Qube.builder(arena);
        ids.forEach(b::add);
        return b.build();
    }

    private static void check(Made m, String what, Qube r, Set<List<Map.Entry<String, String>>> expected) {
        m.k(r);
        assertEquals(Model.sorted(expected), r.identifiers().toList(), what);
        assertEquals(expected.size(), r.count(), () -> what + ": count");
    }

    /** R56: set operations between qubes written with this codec agree with the model. */
    @Test
    public void required_R56_sameCodecOperationsAgreeWithModel() {
        operations("R56 same-codec operations agree with the model (" + subject().name() + ")", false);
    }

    /** R57: set operations between a qube of this codec and a qube of the {@code utf8} codec agree with the model. */
    @Test
    public void required_R57_mixedCodecOperationsAgreeWithModel() {
        operations("R57 mixed-codec operations agree with the model (" + subject().name() + " and utf8)", true);
    }

    /** R58: the codec accepts a fair share of {@link #valueSets()}, so that the rules above test something. */
    @Test
    public void required_R58_acceptsGeneratedValueSets() {
        Gen<List<String>> all = valueSets();
        SplittableRandom r = new SplittableRandom(58);
        int tries = 500;
        int accepted = 0;
        Set<String> example = new TreeSet<>();
        for (int i = 0; i < tries; i++) {
            List<String> v = all.next(r, 1 + i % 30);
            if (subject().encodedSize(v) >= 0) {
                accepted++;
            } else if (example.isEmpty()) {
                example.addAll(v);
            }
        }
        int got = accepted;
        assertFalse(got * 20 < tries, () -> "codec '" + subject().name() + "' accepted only " + got + " of " + tries
                + " generated value sets (e.g. it refused " + example + "): override valueSets() to generate texts it encodes");
    }
}
