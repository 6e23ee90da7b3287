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
import org.junit.jupiter.api.extension.ExtendWith;

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
@ExtendWith(SkipRules.class)
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

    // ================================================================== adversarial texts and threads R80-R82

    /** Texts a codec must tell apart from {@code v}: its hash collisions, case variants, Unicode forms, other spellings. */
    private static Set<String> confusable(String v) {
        Set<String> out = new LinkedHashSet<>(QubeArbitraries.collisions(v, 3));
        out.add(v.toUpperCase(java.util.Locale.ROOT));
        out.add(v.toLowerCase(java.util.Locale.ROOT));
        for (java.text.Normalizer.Form f : java.text.Normalizer.Form.values()) {
            out.add(java.text.Normalizer.normalize(v, f));
        }
        out.add("0" + v);
        out.add("+" + v);
        out.add(v + ".0");
        out.add(v + "\u0301");
        out.add(v + "\ud83d\ude00");
        out.remove(v);
        return out;
    }

    /**
     * R80: texts that careless codecs confuse stay apart: value sets of {@link QubeArbitraries#ADVERSARIAL}
     * texts (equal {@code String.hashCode()}, case only, Unicode normalisation forms, surrogate
     * pairs, texts longer than 65,535 UTF-8 bytes, {@code 1}/{@code 01}/{@code 1.0}/{@code +1})
     * and their hash collisions decode to exactly themselves in canonical order; {@code contains}
     * tells each of them from its collisions, case variants, other forms and spellings; the
     * partition with a set of colliding texts equals the model's.
     */
    @Test
    public void required_R80_adversarialTextsStayApart() {
        Gen<List<String>> all = QubeArbitraries.adversarialValueSets();
        ValueCodec c = subject();
        Property.forAll("R80 adversarial texts stay apart (" + c.name() + ")", all, values -> {
            if (c.encodedSize(values) < 0) {
                return;
            }
            Encoded e = encode(values, 8);
            List<String> out = new ArrayList<>();
            c.decode(e.segment(), e.offset(), out);
            assertEquals(values, out, "R80 decoded texts, in canonical order");
            assertEquals(values.size(), c.count(e.segment(), e.offset()), "R80 count");
            Set<String> in = new HashSet<>(values);
            for (String v : values) {
                assertTrue(c.contains(e.segment(), e.offset(), new String(v.toCharArray())), () -> "R80 contains "
                        + QubeArbitraries.showText(v));
                for (String p : confusable(v)) {
                    assertEquals(in.contains(p), c.contains(e.segment(), e.offset(), p), () -> "R80 contains "
                            + QubeArbitraries.showText(p) + " (confusable with " + QubeArbitraries.showText(v) + ")");
                }
            }
            TreeSet<String> other = new TreeSet<>(ValueOrder.INSTANCE);
            for (String v : values) {
                other.addAll(QubeArbitraries.collisions(v, 1));
                if (other.size() % 2 == 0) {
                    other.add(v);
                }
            }
            List<String> b = List.copyOf(other);
            if (!b.isEmpty() && c.encodedSize(b) >= 0) {
                Encoded eb = encode(b, 16);
                assertEquals(Partition.of(values, b), c.partition(e.segment(), e.offset(), eb.segment(), eb.offset()),
                        "R80 partition with colliding texts");
            }
        });
    }

    /** What one thread learns from the encoded sets, asking from set {@code start} on: every answer, by set. */
    private List<List<Object>> answers(List<List<String>> sets, List<Encoded> encoded, int start) {
        int n = sets.size();
        List<List<Object>> bySet = new ArrayList<>(java.util.Collections.nCopies(n, null));
        for (int j = 0; j < n; j++) {
            int i = (j + start) % n;
            bySet.set(i, answersAbout(sets, encoded, i));
        }
        return bySet;
    }

    /** Every answer the codec gives about set {@code i} (and its partition with the next set). */
    private List<Object> answersAbout(List<List<String>> sets, List<Encoded> encoded, int i) {
        ValueCodec c = subject();
        List<Object> r = new ArrayList<>();
        Encoded e = encoded.get(i);
        List<String> out = new ArrayList<>();
        c.decode(e.segment(), e.offset(), out);
        r.add(out);
        r.add(c.count(e.segment(), e.offset()));
        for (String v : sets.get(i)) {
            r.add(c.contains(e.segment(), e.offset(), v));
            r.add(c.contains(e.segment(), e.offset(), "0" + v));
        }
        Encoded f = encoded.get((i + 1) % sets.size());
        r.add(c.partition(e.segment(), e.offset(), f.segment(), f.offset()));
        r.add(c.encodedSize(sets.get(i)));
        Encoded again = encode(sets.get(i), 8);
        r.add(java.nio.ByteBuffer.wrap(again.segment().asSlice(again.offset(), again.size()).toArray(ValueLayout.JAVA_BYTE)));
        return r;
    }

    /**
     * R81: a codec gives the same answers from many threads as from one (codecs are stateless:
     * no shared scratch buffer, no cache without synchronisation). Four threads, many short
     * rounds that start together, each decoding, counting, probing, partitioning and encoding the
     * same sets in a different order; then four threads reading one qube written with the codec.
     */
    @Test
    public void required_R81_sameAnswersFromManyThreads() {
        ValueCodec c = subject();
        java.util.SplittableRandom r = new java.util.SplittableRandom(81);
        Gen<List<String>> accepted = accepted();
        Gen<List<String>> adversarial = QubeArbitraries.adversarialValueSets();
        List<List<String>> sets = new ArrayList<>();
        for (int i = 0; i < 200 && sets.size() < 48; i++) {
            List<String> v = i % 3 == 2 ? adversarial.next(r, 10) : accepted.next(r, 5 + i % 25);
            if (c.encodedSize(v) >= 0) {
                sets.add(v);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(sets.size() >= 2, "R81 skipped: the codec accepts no generated value set (see R58)");
        List<Encoded> encoded = sets.stream().map(v -> encode(v, 8)).toList();
        int threads = 4;
        List<List<List<Object>>> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            expected.add(answers(sets, encoded, t * sets.size() / threads));
        }
        for (int t = 1; t < threads; t++) {
            assertEquals(expected.getFirst(), expected.get(t), "R81 one thread, asking in another order, got other answers");
        }
        List<List<Object>> alone = expected.getFirst();
        int n = sets.size();
        Contention.untilCollided("R81 same answers from many threads (" + c.name() + ")", threads, Math.max(3, Property.tries() / 50),
                2 * n, 40 * n, (round, t, step) -> {
            int i = (step + t * n / threads) % n;
            List<Object> seen = answersAbout(sets, encoded, i);
            if (!alone.get(i).equals(seen)) {
                fail("R81 thread " + t + " in round " + round + " got " + seen + " for value set " + sets.get(i)
                        + " where one thread alone gets " + alone.get(i));
            }
        }, done -> { });
        // through the engine: one qube of this codec, read by several threads at once
        String arena = arenaName();
        if (Discovery.arenas().stream().noneMatch(p -> p.name().equals(arena)
                && p.features().contains(dev.qube.spi.ArenaFeature.CONCURRENT_READS))) {
            return;
        }
        List<Identifier> ids = QubeArbitraries.identifierSets(QubeArbitraries.valueSets()).next(r, 30);
        List<Identifier> other = QubeArbitraries.identifierSets(QubeArbitraries.valueSets()).next(r, 30);
        try (Made m = new Made()) {
            Qube q = m.k(using(List.of(c), () -> build(ids, arena)));
            Qube o = m.k(build(other, arena));
            List<Object> read = engineReads(q, o, other);
            Contention.untilCollided("R81 one qube of the codec read by many threads (" + c.name() + ")", threads, 2, 4, 400,
                    (round, t, step) -> assertEquals(read, engineReads(q, o, other), "R81 a thread reading a qube of the codec"), done -> { });
        }
    }

    private static List<Object> engineReads(Qube q, Qube other, List<Identifier> probes) {
        List<Object> r = new ArrayList<>();
        r.add(q.identifiers().toList());
        r.add(q.axes());
        for (Identifier id : probes) {
            r.add(q.contains(id));
        }
        try (Qube u = q.union(other); Qube i = q.intersect(other); Qube d = q.minus(other)) {
            r.add(u.identifiers().toList());
            r.add(i.identifiers().toList());
            r.add(d.identifiers().toList());
        }
        return r;
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

    /**
     * R160: sizing and encoding through a {@link dev.qube.spi.ValueSetSizing} shared with the other
     * installed codecs (as the engine does, one per value set) gives exactly the size and bytes of
     * the list forms, whether the codec is asked first or after the others filled the scratch.
     */
    @Test
    public void required_R160_sharedSizingAgreesWithTheLists() {
        ValueCodec c = subject();
        List<ValueCodec> others = new ArrayList<>(Codecs.inUse());
        Property.forAll("R160 shared sizing agrees with the lists (" + c.name() + ")", accepted(), values -> {
            long size = c.encodedSize(values);
            for (boolean first : new boolean[] {true, false}) {
                dev.qube.spi.ValueSetSizing set = new dev.qube.spi.ValueSetSizing(values);
                if (!first) {
                    for (ValueCodec o : others) {
                        o.encodedSize(set);
                    }
                }
                assertEquals(size, c.encodedSize(set), () -> "R160 size of " + values + (first ? "" : " after the other codecs"));
                if (size < 0) {
                    continue;
                }
                MemorySegment fromSet = MemorySegment.ofArray(new byte[(int) size + 16]);
                c.encode(set, fromSet, 8);
                MemorySegment fromList = MemorySegment.ofArray(new byte[(int) size + 16]);
                c.encode(values, fromList, 8);
                assertArrayEquals(fromList.toArray(ValueLayout.JAVA_BYTE), fromSet.toArray(ValueLayout.JAVA_BYTE),
                        () -> "R160 bytes of " + values + (first ? "" : " after the other codecs"));
            }
        });
    }
}
