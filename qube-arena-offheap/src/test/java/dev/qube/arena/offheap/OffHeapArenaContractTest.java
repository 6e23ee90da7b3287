package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.spi.ArenaFeature;
import dev.qube.spi.ArenaFullException;
import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;
import dev.qube.tests.property.Gen;
import dev.qube.tests.property.Property;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arena contract of {@code offheap} beyond the laws: allocation, growth, exact accounting,
 * the process-wide gauge, use after close and a close racing readers on other threads.
 */
class OffHeapArenaContractTest {

    private final ArenaProvider provider = new OffHeapArenaProvider();

    /** One allocation request. */
    record Ask(long size, long alignment) {
    }

    /** Allocation sequences: small and large sizes, every legal alignment; shrink by dropping requests. */
    private static final Gen<List<Ask>> ASKS = new Gen<>() {
        @Override
        public List<Ask> next(SplittableRandom r, int size) {
            List<Ask> out = new ArrayList<>();
            int n = 1 + r.nextInt(5 * size + 5);
            for (int i = 0; i < n; i++) {
                long s = r.nextInt(10) == 0 ? r.nextInt(20_000) : r.nextInt(64);
                out.add(new Ask(s, 1L << r.nextInt(4)));
            }
            return out;
        }

        @Override
        public Stream<List<Ask>> shrink(List<Ask> v) {
            return IntStream.range(0, v.size()).mapToObj(i -> {
                List<Ask> x = new ArrayList<>(v);
                x.remove(i);
                return x;
            });
        }
    };

    @Test
    void isDiscoveredAndSelectedByNameAndByProperty() throws java.io.IOException {
        Module m = OffHeapArenaProvider.class.getModule();
        if (m.isNamed()) {
            assertTrue(m.getDescriptor().provides().stream().anyMatch(p -> p.service().equals(ArenaProvider.class.getName())
                    && p.providers().equals(List.of(OffHeapArenaProvider.class.getName(), MappedArenaProvider.class.getName()))),
                    "module-info provides offheap and mapped");
        }
        try (var in = OffHeapArenaProvider.class.getResourceAsStream("/META-INF/services/" + ArenaProvider.class.getName())) {
            assertTrue(in != null, "class-path users find them through META-INF/services");
            assertEquals(List.of(OffHeapArenaProvider.class.getName(), MappedArenaProvider.class.getName()),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip().lines().map(String::strip).toList());
        }
        try (Qube q = Qube.builder("offheap").add("a=1").build()) {
            assertEquals("offheap", q.arenaName());
        }
        try (Qube q = Qube.builder("mapped").add("a=1").build()) {
            assertEquals("mapped", q.arenaName());
        }
        String before = System.getProperty("qube.arena");
        System.setProperty("qube.arena", "offheap");
        try (Qube q = Qube.of("a=1,b=2"); Qube u = q.union(q)) {
            assertEquals("offheap", q.arenaName());
            assertEquals("offheap", u.arenaName(), "results stay on the backend of their input");
        } finally {
            if (before == null) {
                System.clearProperty("qube.arena");
            } else {
                System.setProperty("qube.arena", before);
            }
        }
    }

    @Test
    void declaresItsFeatures() {
        assertEquals(EnumSet.of(ArenaFeature.NATIVE_MEMORY, ArenaFeature.INVALIDATES_ON_CLOSE, ArenaFeature.CONCURRENT_READS),
                EnumSet.copyOf(provider.features()));
        assertEquals("offheap", provider.name());
    }

    @Test
    void allocationsAreAlignedDisjointKeepTheirBytesAndAreExactlyAccounted() {
        Property.forAll("allocations", ASKS, asks -> {
            long live = OffHeapArenas.liveBytes();
            try (MemoryArena a = provider.open(0)) {
                long expectedUsed = 0;
                List<long[]> ranges = new ArrayList<>();
                for (int i = 0; i < asks.size(); i++) {
                    Ask ask = asks.get(i);
                    long off = a.allocate(ask.size(), ask.alignment());
                    assertEquals(0, off % ask.alignment(), "aligned");
                    assertEquals((expectedUsed + ask.alignment() - 1) & -ask.alignment(), off,
                            "right after everything handed out before, padded only to the alignment");
                    expectedUsed = off + ask.size();
                    assertEquals(expectedUsed, a.bytesInUse(), "bytes in use = sizes plus padding");
                    assertTrue(a.bytesReserved() >= a.bytesInUse());
                    assertEquals(a.bytesReserved(), a.segment().byteSize(), "reserved is the whole block");
                    assertEquals(live + a.bytesReserved(), OffHeapArenas.liveBytes(), "gauge counts the block exactly");
                    fill(a.segment(), off, ask.size(), i);
                    ranges.add(new long[] {off, ask.size(), i});
                }
                // growth moved the bytes: every allocation still holds exactly what was written
                MemorySegment seg = a.segment();
                for (long[] r : ranges) {
                    check(seg, r[0], r[1], (int) r[2]);
                }
            }
            assertEquals(live, OffHeapArenas.liveBytes(), "closing returns every byte");
        });
    }

    @Test
    void growthDoublesAndTheOldBlockIsGone() {
        try (MemoryArena a = provider.open(0)) {
            assertEquals(OffHeapArena.MIN_CAPACITY, a.bytesReserved());
            long first = a.allocate(1000, 8);
            fill(a.segment(), first, 1000, 7);
            MemorySegment old = a.segment();
            long second = a.allocate(OffHeapArena.MIN_CAPACITY, 8);
            assertEquals(2 * OffHeapArena.MIN_CAPACITY, a.bytesReserved(), "doubled once");
            check(a.segment(), first, 1000, 7);
            assertEquals(1000, second);
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0),
                    "a segment of the block before growth is freed and unreadable");
            a.allocate(1_000_000, 4);
            assertEquals(1_000_000 + 1000 + OffHeapArena.MIN_CAPACITY, a.bytesInUse());
            assertTrue(a.bytesReserved() >= a.bytesInUse());
            check(a.segment(), first, 1000, 7);
        }
        try (MemoryArena big = provider.open(100_001)) {
            assertEquals(100_008, big.bytesReserved(), "the size hint sizes the first block, rounded to 8");
        }
    }

    @Test
    void gaugeCountsEveryOpenArenaAndReturnsToItsValueAfterClose() {
        long bytes = OffHeapArenas.liveBytes();
        long arenas = OffHeapArenas.liveArenas();
        List<MemoryArena> open = new ArrayList<>();
        long reserved = 0;
        for (int i = 0; i < 20; i++) {
            MemoryArena a = provider.open(0);
            a.allocate(i * 3000L, 8);
            open.add(a);
            reserved += a.bytesReserved();
        }
        assertEquals(bytes + reserved, OffHeapArenas.liveBytes());
        assertEquals(arenas + 20, OffHeapArenas.liveArenas());
        for (MemoryArena a : open) {
            a.close();
            assertEquals(0, a.bytesInUse());
            assertEquals(0, a.bytesReserved());
        }
        assertEquals(bytes, OffHeapArenas.liveBytes());
        assertEquals(arenas, OffHeapArenas.liveArenas());
    }

    @Test
    void qubeOperationsLeaveNoNativeMemoryBehind() {
        long bytes = OffHeapArenas.liveBytes();
        List<Qube> all = new ArrayList<>();
        try {
            var b = Qube.builder("offheap");
            for (int i = 0; i < 300; i++) {
                b.add("class=od,expver=" + (i % 7) + ",param=" + i);
            }
            b.add(Datacube.of("class", "rd", "param", "1/2"));
            Qube a = b.build(); // several parts: built in a working arena, then compacted into a fresh one
            all.add(a);
            Qube c = Qube.parse(new java.io.StringReader(a.toString()), "<test>", "offheap");
            all.add(c);
            all.add(a.union(c));
            all.add(a.select(Selection.parse("param=1/2/3"), SelectMode.PRUNE));
            all.add(a.drop("expver"));
            all.add(a.copyTo("offheap"));
            all.add(Qube.union(List.of(a, c, a)));
            assertEquals(a, all.get(2));
            assertEquals(a, all.get(5));
            assertEquals(a, all.get(6));
            assertEquals(302, a.count());
            assertTrue(OffHeapArenas.liveBytes() > bytes);
        } finally {
            all.forEach(Qube::close);
        }
        assertEquals(bytes, OffHeapArenas.liveBytes(), "intermediate arenas are closed too");
    }

    @Test
    void useAfterCloseThrowsAndCloseIsIdempotent() {
        MemoryArena a = provider.open(0);
        long off = a.allocate(16, 8);
        MemorySegment seg = a.segment();
        seg.set(ValueLayout.JAVA_LONG, off, 42);
        a.close();
        a.close();
        assertTrue(a.isClosed());
        assertThrows(IllegalStateException.class, a::segment);
        assertThrows(IllegalStateException.class, () -> a.allocate(8, 8));
        assertThrows(IllegalStateException.class, () -> seg.get(ValueLayout.JAVA_LONG, off),
                "a segment taken before close cannot reach the freed memory");
        assertEquals(0, a.bytesInUse());
        assertTrue(a.toString().contains("closed"));

        Qube q = Qube.builder("offheap").add("a=1,b=2").build();
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, () -> q.contains("a=1,b=2"));
        assertThrows(IllegalStateException.class, q::axes);
    }

    @Test
    void badRequestsAreRejectedWithoutChangingTheArena() {
        assertThrows(IllegalArgumentException.class, () -> provider.open(-1));
        try (MemoryArena a = provider.open(0)) {
            a.allocate(10, 1);
            long reserved = a.bytesReserved();
            assertThrows(IllegalArgumentException.class, () -> a.allocate(-1, 8));
            assertThrows(IllegalArgumentException.class, () -> a.allocate(8, 3));
            assertThrows(IllegalArgumentException.class, () -> a.allocate(8, 16));
            assertThrows(IllegalArgumentException.class, () -> a.allocate(8, 0));
            ArenaFullException full = assertThrows(ArenaFullException.class, () -> a.allocate(MemoryArena.MAX_BYTES, 1));
            assertTrue(full.getMessage().contains("4 GiB"), full::getMessage);
            assertThrows(ArenaFullException.class, () -> a.allocate(Long.MAX_VALUE, 8));
            assertEquals(10, a.bytesInUse(), "nothing was handed out");
            assertEquals(reserved, a.bytesReserved(), "nothing was reserved");
            assertEquals(16, a.allocate(4, 8), "still usable");
        }
    }

    @Test
    void closeRacingReadersOnOtherThreadsOnlyEverThrowsIllegalState() throws Exception {
        for (int round = 0; round < 30; round++) {
            MemoryArena a = provider.open(0);
            long n = 50_000;
            long off = a.allocate(8 * n, 8);
            MemorySegment seg = a.segment();
            for (long i = 0; i < n; i++) {
                seg.setAtIndex(ValueLayout.JAVA_LONG, i, i);
            }
            long expected = n * (n - 1) / 2;
            race(a::close, 3, () -> {
                long sum = 0;
                for (long i = 0; i < n; i++) {
                    sum += seg.get(ValueLayout.JAVA_LONG, off + 8 * i);
                }
                assertEquals(expected, sum, "a read that completes sees the written data");
            });
        }
    }

    @Test
    void closingAQubeRacingItsReadersOnlyEverThrowsIllegalState() throws Exception {
        for (int round = 0; round < 10; round++) {
            var b = Qube.builder("offheap");
            for (int i = 0; i < 2000; i++) {
                b.add("class=od,date=" + (i % 40) + ",param=" + i);
            }
            Qube q = b.build();
            String ascii = q.toString();
            race(q::close, 3, () -> {
                assertEquals(ascii, q.toString());
                assertEquals(2000, q.identifiers().count());
                assertTrue(q.contains("class=od,date=1,param=1"));
            });
        }
    }

    @Test
    void manyThreadsReadOneQubeAlike() throws Exception {
        var b = Qube.builder("offheap");
        for (int i = 0; i < 1000; i++) {
            b.add("class=od,expver=" + (i % 3) + ",param=" + i);
        }
        try (Qube q = b.build()) {
            String ascii = q.toString();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ts.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 20; i++) {
                            assertEquals(ascii, q.toString());
                            assertEquals(1000, q.identifiers().count());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(List.of(), failures);
        }
    }

    /**
     * Runs {@code read} in a loop on {@code readers} threads; once each has completed one read,
     * runs {@code close} on this thread. Each reader must then stop with an
     * {@link IllegalStateException} and nothing else.
     */
    private static void race(Runnable close, int readers, Runnable read) throws InterruptedException {
        CountDownLatch warm = new CountDownLatch(readers);
        List<Throwable> ends = new CopyOnWriteArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            ts.add(Thread.ofPlatform().start(() -> {
                boolean counted = false;
                try {
                    while (true) {
                        read.run();
                        if (!counted) {
                            counted = true;
                            warm.countDown();
                        }
                    }
                } catch (Throwable e) {
                    if (!counted) {
                        warm.countDown();
                    }
                    ends.add(e);
                }
            }));
        }
        warm.await();
        close.run();
        for (Thread t : ts) {
            t.join(30_000);
            assertFalse(t.isAlive(), "a reader kept reading a closed arena");
        }
        assertEquals(readers, ends.size());
        for (Throwable e : ends) {
            assertInstanceOf(IllegalStateException.class, e, () -> "a racing read must fail cleanly, got " + e);
        }
    }

    private static void fill(MemorySegment s, long off, long size, int tag) {
        for (long i = 0; i < size; i++) {
            s.set(ValueLayout.JAVA_BYTE, off + i, (byte) (tag * 31 + i));
        }
    }

    private static void check(MemorySegment s, long off, long size, int tag) {
        for (long i = 0; i < size; i++) {
            assertEquals((byte) (tag * 31 + i), s.get(ValueLayout.JAVA_BYTE, off + i), "byte " + i + " of allocation " + tag);
        }
    }
}
