package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qube.spi.Interner;
import dev.qube.spi.InternerProvider;
import dev.qube.tests.property.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite for an interner: extend it and return your provider from
 * {@link #provider()}. The rules (R60–R65) check the {@link Interner} contract directly on
 * interners the provider creates, with texts that are easy to confuse
 * ({@link QubeArbitraries#texts()}). The engine picks its key interner once per process
 * ({@code -Dqube.interner=NAME}); since comparisons and hashes are defined on texts, an interner
 * that keeps this contract cannot change any result.
 */
@ExtendWith(SkipRules.class)
public abstract class InternerVerification {

    private InternerProvider underTest;

    /** For subclasses, which name the interner under test. */
    protected InternerVerification() {
    }

    /** The interner provider under test. */
    protected abstract InternerProvider provider();

    /** The provider under test, asked for once per test. */
    protected final InternerProvider subject() {
        if (underTest == null) {
            underTest = provider();
        }
        return underTest;
    }

    /** R60: equal texts (also as distinct {@code String} objects) get equal ids, every time. */
    @Test
    public void required_R60_equalTextsGetEqualIds() {
        Property.forAll("R60 equal texts get equal ids (" + subject().name() + ")", QubeArbitraries.texts(), texts -> {
            Interner in = subject().create();
            Map<String, Integer> first = new HashMap<>();
            for (String t : texts) {
                int id = in.intern(new String(t.toCharArray()));
                Integer before = first.putIfAbsent(t, id);
                if (before != null) {
                    assertEquals(before.intValue(), id, () -> "'" + t + "' got another id");
                }
            }
        });
    }

    /** R61: different texts get different ids. */
    @Test
    public void required_R61_differentTextsGetDifferentIds() {
        Property.forAll("R61 different texts get different ids (" + subject().name() + ")", QubeArbitraries.texts(), texts -> {
            Interner in = subject().create();
            Map<Integer, String> owner = new HashMap<>();
            for (String t : texts) {
                int id = in.intern(t);
                String other = owner.putIfAbsent(id, t);
                if (other != null) {
                    assertEquals(other, t, () -> "'" + other + "' and '" + t + "' got the same id " + id);
                }
            }
        });
    }

    /** R62: {@code text(intern(s))} is {@code s}, and stays so however many texts are added later (ids are never reused). */
    @Test
    public void required_R62_textOfIdIsTheText() {
        Property.forAll("R62 text of id is the text (" + subject().name() + ")", QubeArbitraries.texts(), texts -> {
            Interner in = subject().create();
            Map<String, Integer> ids = new HashMap<>();
            for (String t : texts) {
                int id = in.intern(t);
                assertEquals(t, in.text(id), "text(intern(s))");
                ids.put(t, id);
            }
            for (int i = 0; i < 300; i++) {
                in.intern("later-" + i);
            }
            ids.forEach((t, id) -> assertEquals(t, in.text(id), () -> "id " + id + " after more texts were added"));
        });
    }

    /** R63: a new interner holds nothing; {@code size()} counts the distinct texts interned. */
    @Test
    public void required_R63_sizeCountsDistinctTexts() {
        Property.forAll("R63 size counts distinct texts (" + subject().name() + ")", QubeArbitraries.texts(), texts -> {
            Interner in = subject().create();
            assertEquals(0, in.size(), "a new interner is empty");
            for (String t : texts) {
                in.intern(t);
            }
            assertEquals(new LinkedHashSet<>(texts).size(), in.size(), "distinct texts");
        });
    }

    /** R64: threads interning overlapping texts at once agree on every id, and ids stay distinct. */
    @Test
    public void required_R64_concurrentInterningAgrees() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Property.forAll("R64 concurrent interning agrees (" + subject().name() + ")", Math.max(5, Property.tries() / 5),
                    QubeArbitraries.texts(), texts -> {
                List<String> all = new ArrayList<>(texts);
                for (int i = 0; i < 200; i++) {
                    all.add("t" + i);
                }
                Interner in = subject().create();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Map<String, Integer>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<String> mine = new ArrayList<>(all);
                    Collections.shuffle(mine, new Random(t));
                    futures.add(pool.submit(() -> {
                        start.await();
                        Map<String, Integer> seen = new HashMap<>();
                        for (String s : mine) {
                            seen.put(s, in.intern(s));
                        }
                        return seen;
                    }));
                }
                start.countDown();
                try {
                    Map<String, Integer> first = futures.getFirst().get(60, TimeUnit.SECONDS);
                    for (Future<Map<String, Integer>> f : futures) {
                        assertEquals(first, f.get(60, TimeUnit.SECONDS), "two threads saw different ids");
                    }
                    assertEquals(first.size(), new java.util.HashSet<>(first.values()).size(), "distinct texts shared an id");
                    first.forEach((s, id) -> assertEquals(s, in.text(id)));
                    assertEquals(first.size(), in.size());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    /** R65: the name is lower case and stable; each {@code create()} gives a new, independent interner. */
    @Test
    public void required_R65_createGivesIndependentInterners() {
        String n = subject().name();
        assertTrue(n != null && !n.isBlank() && n.equals(n.strip().toLowerCase(Locale.ROOT)), () -> "interner name '" + n + "'");
        Interner a = subject().create();
        Interner b = subject().create();
        assertNotSame(a, b, "create() returned the same interner twice");
        a.intern("x");
        a.intern("y");
        assertEquals(0, b.size(), "interning in one interner changed another");
        assertEquals(0, subject().create().size(), "a new interner is empty");
    }
    /**
     * R90: texts that careless interners confuse get ids of their own: every
     * {@link QubeArbitraries#ADVERSARIAL} text (equal {@code String.hashCode()}, case only, Unicode
     * normalisation forms, surrogate pairs, very long texts, {@code 1}/{@code 01}/{@code 1.0}/{@code +1})
     * and generated texts with equal hash codes; {@code text(id)} gives each back, interning a
     * copy gives the same id, and {@code size()} counts them exactly.
     */
    @Test
    public void required_R90_adversarialTextsGetDistinctIds() {
        Property.forAll("R90 adversarial texts get distinct ids (" + subject().name() + ")", Math.max(5, Property.tries() / 10),
                QubeArbitraries.texts(), extra -> {
            List<String> texts = new ArrayList<>(QubeArbitraries.ADVERSARIAL);
            for (String t : extra) {
                texts.add(t);
                texts.addAll(QubeArbitraries.collisions(t, 3));
            }
            Collections.shuffle(texts, new Random(extra.size()));
            Interner in = subject().create();
            Map<Integer, String> owner = new HashMap<>();
            Map<String, Integer> ids = new HashMap<>();
            for (String t : texts) {
                int id = in.intern(t);
                String other = owner.putIfAbsent(id, t);
                if (other != null && !other.equals(t)) {
                    fail("R90 " + QubeArbitraries.showText(other) + " and " + QubeArbitraries.showText(t) + " got the same id " + id
                            + (other.hashCode() == t.hashCode() ? " (their String.hashCode() is equal)" : ""));
                }
                ids.put(t, id);
            }
            ids.forEach((t, id) -> {
                assertEquals(t, in.text(id), () -> "R90 text of the id of " + QubeArbitraries.showText(t));
                assertEquals(id.intValue(), in.intern(new String(t.toCharArray())), () -> "R90 a copy of " + QubeArbitraries.showText(t));
            });
            assertEquals(ids.size(), in.size(), "R90 size counts the distinct texts");
        });
    }

    /**
     * R91: interning under real contention agrees. Four threads, rounds on a new interner each; in
     * a round every thread interns the same sequence of new texts (so that threads add the same
     * text at the same moment; hash collisions among them) and texts of its own, and goes on until
     * the threads have provably run at the same time. Afterwards all threads agree on the id of
     * every shared text, no two texts share an id, {@code text(id)} gives each text back and
     * {@code size()} counts them all.
     */
    @Test
    public void required_R91_contendedInterningAgrees() {
        int threads = 4;
        int rounds = Math.max(6, Property.tries() / 50);
        List<Interner> interners = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            interners.add(subject().create());
        }
        List<List<Map<String, Integer>>> seen = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Map<String, Integer>> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                perThread.add(new HashMap<>());
            }
            seen.add(perThread);
        }
        String rule = "R91 contended interning agrees (" + subject().name() + ")";
        Contention.untilCollided(rule, threads, rounds, 2_000, 40_000, (round, t, i) -> {
            Interner in = interners.get(round);
            Map<String, Integer> ids = seen.get(round).get(t);
            String shared = "s" + i;
            ids.put(shared, in.intern(shared));
            for (String c : QubeArbitraries.collisions(shared + "x", 1)) {
                ids.put(c, in.intern(c));
            }
            String own = "own-" + t + "-" + i;
            ids.put(own, in.intern(own));
        }, r -> {
            Interner in = interners.get(r);
            Map<String, Integer> all = new HashMap<>();
            Map<Integer, String> owner = new HashMap<>();
            for (int t = 0; t < threads; t++) {
                for (var e : seen.get(r).get(t).entrySet()) {
                    Integer before = all.putIfAbsent(e.getKey(), e.getValue());
                    if (before != null && before.intValue() != e.getValue()) {
                        fail("R91 in round " + r + ", thread " + t + " got id " + e.getValue() + " for '" + e.getKey()
                                + "', another thread got " + before);
                    }
                    String other = owner.putIfAbsent(e.getValue(), e.getKey());
                    if (other != null && !other.equals(e.getKey())) {
                        fail("R91 in round " + r + ", '" + other + "' and '" + e.getKey() + "' got the same id " + e.getValue());
                    }
                }
            }
            for (var e : all.entrySet()) {
                if (!e.getKey().equals(in.text(e.getValue()))) {
                    fail("R91 in round " + r + ", text(" + e.getValue() + ") is '" + in.text(e.getValue()) + "', not '" + e.getKey() + "'");
                }
            }
            assertEquals(all.size(), in.size(), "R91 in round " + r + ", size() after contended interning");
            seen.get(r).clear();
        });
    }
}
