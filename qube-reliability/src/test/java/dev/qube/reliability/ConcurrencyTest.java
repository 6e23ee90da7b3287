package dev.qube.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.arena.offheap.MappedArenas;
import dev.qube.arena.offheap.OffHeapArenas;
import dev.qube.internal.Providers;
import dev.qube.tests.QubeArbitraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Eight threads on shared qubes: they agree with one thread on every backend; a {@code close()}
 * racing readers gives them {@link IllegalStateException} or a correct answer, nothing else; the
 * process-wide key interner stays consistent under concurrent builds and holds keys only.
 */
class ConcurrencyTest {

    static final int THREADS = 8;

    /** An operation on the shared qubes whose answer is a text (results are closed at once). */
    record Op(String name, Function<Qube[], String> run) {
    }

    static final List<Op> OPS = List.of(
            new Op("union", q -> closing(q[0].union(q[1]))),
            new Op("intersect", q -> closing(q[0].intersect(q[1]))),
            new Op("minus", q -> closing(q[0].minus(q[1]))),
            new Op("xor", q -> closing(q[1].xor(q[0]))),
            new Op("many-way union", q -> closing(Qube.union(List.of(q[0], q[1], q[2])))),
            new Op("select", q -> closing(q[0].select(Selection.parse("class=od/rd,param=1/2/167"), SelectMode.RELAXED))),
            new Op("select prune", q -> closing(q[2].select(Selection.parse("date=20240101/to/20240131"), SelectMode.PRUNE))),
            new Op("drop", q -> closing(q[2].drop("param"))),
            new Op("count", q -> q[0].countExact() + "/" + q[1].count() + "/" + q[2].nodeCount()),
            new Op("contains", q -> {
                StringBuilder b = new StringBuilder();
                q[1].identifiers().limit(50).forEach(i -> b.append(q[0].contains(i) ? '1' : '0'));
                return b.toString();
            }),
            new Op("iterate", q -> {
                long[] h = new long[2];
                q[2].forEachIdentifier(c -> {
                    h[0]++;
                    h[1] = 31 * h[1] + c.value(c.size() - 1).hashCode();
                });
                return h[0] + ":" + h[1] + ":" + q[0].identifiers().map(Identifier::toString).reduce(0, (a, s) -> 31 * a + s.hashCode(), (a, b) -> a);
            }),
            new Op("toString", q -> q[1].toString() + q[0].hashCode()),
            new Op("axes", q -> q[2].axes().toString()),
            new Op("equals", q -> q[0].equals(q[1]) + "," + q[2].equals(q[2])));

    static long[] nativeArenas() {
        return new long[] {OffHeapArenas.liveArenas(), MappedArenas.liveArenas(), OffHeapArenas.leakedArenas(), MappedArenas.leakedArenas()};
    }

    static String closing(Qube r) {
        try (r) {
            return r.toString();
        }
    }

    static Qube[] shared(String arena) {
        SplittableRandom r = new SplittableRandom(8);
        var gen = QubeArbitraries.identifierSets();
        Qube a = build(arena, gen.next(r, 30));
        Qube b = build(arena, gen.next(r, 30));
        var c = Qube.builder(arena);
        for (int i = 0; i < 3000; i++) {
            c.add(Identifier.of("class", i % 3 == 0 ? "od" : "rd", "date", String.format("2024%02d%02d", 1 + i % 12, 1 + i % 28),
                    "param", Integer.toString(i % 97), "step", Integer.toString(6 * (i % 7))));
        }
        return new Qube[] {a, b, c.build()};
    }

    static Qube build(String arena, List<Identifier> ids) {
        var b = Qube.builder(arena);
        ids.forEach(b::add);
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "offheap", "mapped"})
    void eightThreadsAgreeWithOneThread(String arena) throws Exception {
        Qube[] q = shared(arena);
        try {
            List<String> expected = OPS.stream().map(op -> op.run().apply(q)).toList();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            AtomicLong done = new AtomicLong();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    try {
                        start.await();
                        for (int i = 0; i < 60; i++) {
                            int k = r.nextInt(OPS.size());
                            String got = OPS.get(k).run().apply(q);
                            if (!got.equals(expected.get(k))) {
                                failures.add(OPS.get(k).name() + " on thread " + seed + " differs from one thread");
                            }
                            done.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.add("thread " + seed + ": " + e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(THREADS * 60L, done.get());
        } finally {
            for (Qube x : q) {
                x.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "offheap", "mapped"})
    void aCloseRacingReadersGivesThemIllegalStateExceptionAndNothingWorse(String arena) throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong closedSeen = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        long[] nativeBefore = nativeArenas();
        for (int round = 0; round < 12; round++) {
            Qube[] q = shared(arena);
            List<String> expected = OPS.stream().map(op -> op.run().apply(q)).toList();
            CountDownLatch running = new CountDownLatch(THREADS);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = round * THREADS + t;
                readers.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    running.countDown();
                    while (!stop.get()) {
                        int k = r.nextInt(OPS.size());
                        try {
                            String got = OPS.get(k).run().apply(q);
                            answered.incrementAndGet();
                            if (!got.equals(expected.get(k))) {
                                failures.add(OPS.get(k).name() + " gave a wrong answer while racing a close");
                            }
                        } catch (IllegalStateException e) {
                            closedSeen.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(OPS.get(k).name() + " threw " + e + " while racing a close");
                        }
                    }
                }));
            }
            running.await();
            Thread.sleep(5 + round * 3);
            q[round % 3].close(); // the others stay open: operations on them alone still answer
            Thread.sleep(20);
            stop.set(true);
            for (Thread t : readers) {
                t.join(TimeUnit.MINUTES.toMillis(1));
            }
            for (Qube x : q) {
                x.close();
            }
            // an operation that lost the race closed what it had opened: nothing is left open, nothing is left to the Cleaner
            assertEquals(java.util.Arrays.toString(nativeBefore), java.util.Arrays.toString(nativeArenas()),
                    "native arenas (live off-heap, live mapped, leaked off-heap, leaked mapped) after round " + round);
        }
        assertTrue(failures.isEmpty(), failures.stream().distinct().toList().toString());
        assertTrue(closedSeen.get() > 0, "no reader ever saw the close");
        assertTrue(answered.get() > 0, "no reader ever answered");
    }

    @Test
    void theGlobalInternerHoldsKeysOnlyAndAgreesAcrossThreads() throws Exception {
        int before = Providers.keys().size();
        // 200,000 distinct values under 4 keys: values are interned per qube, never globally
        var b = Qube.builder("heap");
        for (int i = 0; i < 50_000; i++) {
            b.add(Identifier.of("rk-class", "v" + i, "rk-param", "p" + i, "rk-date", "d" + i, "rk-step", "s" + i));
        }
        try (Qube q = b.build()) {
            assertEquals(50_000, q.count());
        }
        int afterValues = Providers.keys().size();
        assertTrue(afterValues - before <= 4, "the global interner grew by " + (afterValues - before) + " for 4 new keys");

        // eight threads build the same qube over new keys at once: every copy is equal and prints the same
        List<Identifier> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(Identifier.of("ck-" + (i % 37), "x" + i, "ck-" + (100 + i % 11), Integer.toString(i)));
        }
        ConcurrentLinkedQueue<String> printed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                List<Identifier> mine = new ArrayList<>(ids);
                java.util.Collections.shuffle(mine, new java.util.Random(seed));
                try {
                    start.await();
                    try (Qube q = build(seed % 2 == 0 ? "heap" : "offheap", mine)) {
                        printed.add(q.toString());
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(1, printed.stream().distinct().count(), "threads built different qubes from the same identifiers");
        assertEquals(afterValues + 48, Providers.keys().size(), "48 new keys, each interned once");
        Map<Integer, String> seen = new java.util.HashMap<>();
        for (int i = 0; i < 37; i++) {
            String k = "ck-" + i;
            int id = Providers.keys().intern(k);
            assertEquals(k, Providers.keys().text(id));
            assertEquals(null, seen.put(id, k));
        }
    }
}
