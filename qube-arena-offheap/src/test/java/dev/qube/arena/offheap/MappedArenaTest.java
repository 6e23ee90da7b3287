package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.spi.ArenaFullException;
import dev.qube.spi.MemoryArena;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the conformance suite cannot see of the {@code mapped} backend: its temporary file lives in
 * {@code -Dqube.mapped.dir} exactly as long as the arena, growth re-maps the same file without
 * losing bytes and invalidates earlier segments, the gauge returns to its earlier value, and a
 * forgotten arena is unmapped and its file deleted by the Cleaner.
 */
class MappedArenaTest {

    @TempDir
    Path dir;

    @BeforeEach
    void useDir() {
        System.setProperty(MappedArenas.DIR_PROPERTY, dir.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty(MappedArenas.DIR_PROPERTY);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void tooManyOpenMappingsIsAClearErrorNotADeadJvm() throws IOException {
        // each mapped arena is a memory mapping; past vm.max_map_count the JVM itself could no
        // longer map memory and died (seen in a benchmark holding 100,000 mapped qubes)
        long open = MappedArenas.liveArenas();
        System.setProperty(MappedArenas.MAX_ARENAS_PROPERTY, Long.toString(open + 3));
        List<MemoryArena> arenas = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                arenas.add(new MappedArenaProvider().open(0));
            }
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.qube.spi.ArenaFullException.class,
                    () -> new MappedArenaProvider().open(0));
            assertTrue(e.getMessage().contains(MappedArenas.MAX_ARENAS_PROPERTY), e.getMessage());
            assertEquals(open + 3, MappedArenas.liveArenas(), "the refused arena is not counted");
            assertEquals(3, files().size(), "the refused arena left no file behind");
            arenas.removeFirst().close();
            arenas.add(new MappedArenaProvider().open(0)); // room again after a close
        } finally {
            System.clearProperty(MappedArenas.MAX_ARENAS_PROPERTY);
            arenas.forEach(MemoryArena::close);
        }
        assertEquals(open, MappedArenas.liveArenas());
        if (Files.isReadable(Path.of("/proc/sys/vm/max_map_count"))) {
            long kernel = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).getFirst().strip());
            assertEquals(Math.max(16, kernel / 4), MappedArenas.maxArenas(), "the default cap is a quarter of the kernel's limit");
        }
    }

    @Test
    void theFileLivesInTheDirectoryExactlyAsLongAsTheArena() throws IOException {
        long bytes = MappedArenas.liveBytes();
        long arenas = MappedArenas.liveArenas();
        MemoryArena a = new MappedArenaProvider().open(0);
        List<Path> f = files();
        assertEquals(1, f.size(), () -> "one file per arena: " + f);
        assertTrue(a.segment().isMapped(), "the segment is a file mapping");
        assertEquals(arenas + 1, MappedArenas.liveArenas());
        assertEquals(bytes + a.bytesReserved(), MappedArenas.liveBytes());
        a.allocate(100, 8);
        a.close();
        assertEquals(List.of(), files(), "close deletes the file");
        assertEquals(bytes, MappedArenas.liveBytes());
        assertEquals(arenas, MappedArenas.liveArenas());
        a.close();
        assertEquals(bytes, MappedArenas.liveBytes(), "closing twice changes nothing");
    }

    @Test
    void growthRemapsTheSameFileKeepsBytesAndInvalidatesOldSegments() throws IOException {
        long bytes = MappedArenas.liveBytes();
        try (MemoryArena a = new MappedArenaProvider().open(0)) {
            long first = a.allocate(4000, 8);
            MemorySegment before = a.segment();
            for (int i = 0; i < 4000; i++) {
                before.set(ValueLayout.JAVA_BYTE, first + i, (byte) i);
            }
            long big = a.allocate(1 << 20, 8);
            MemorySegment after = a.segment();
            assertTrue(a.bytesReserved() >= big + (1 << 20));
            for (int i = 0; i < 4000; i++) {
                assertEquals((byte) i, after.get(ValueLayout.JAVA_BYTE, first + i), "byte written before growth");
            }
            assertThrows(IllegalStateException.class, () -> before.get(ValueLayout.JAVA_BYTE, 0),
                    "a segment taken before growth throws");
            assertEquals(1, files().size(), "growth re-maps the same file");
            assertTrue(Files.size(files().getFirst()) >= a.bytesReserved(), "the file is grown with the mapping");
            assertEquals(bytes + a.bytesReserved(), MappedArenas.liveBytes(), "the gauge follows growth");
        }
        assertEquals(bytes, MappedArenas.liveBytes());
        assertEquals(List.of(), files());
    }

    @Test
    void filesOfArenasStillOpenAtExitAreDeletedByTheShutdownHook() throws IOException {
        MemoryArena open = new MappedArenaProvider().open(0);
        MemoryArena closed = new MappedArenaProvider().open(0);
        closed.close();
        assertEquals(1, files().size());
        MappedArenas.deleteAll(); // what the hook runs at exit
        assertEquals(List.of(), files(), "the open arena's file is deleted");
        open.segment().set(ValueLayout.JAVA_LONG, 0, 42L); // on POSIX the mapping outlives the name
        open.close();
    }

    @Test
    void anUnwritableDirectoryIsAClearError() throws IOException {
        System.setProperty(MappedArenas.DIR_PROPERTY, dir.resolve("missing").toString());
        ArenaFullException e = assertThrows(ArenaFullException.class, () -> new MappedArenaProvider().open(0));
        assertTrue(e.getMessage().contains(MappedArenas.DIR_PROPERTY) && e.getMessage().contains("missing"), e::getMessage);
    }

    @Test
    void aQubeOnTheMappedBackendWorksAndItsOperationsStayThere() {
        try (Qube a = Qube.builder(MappedArenaProvider.NAME).add("class=od,param=1").add("class=od,param=2").build();
             Qube b = Qube.builder(OffHeapArenaProvider.NAME).add("class=od,param=2").add("class=rd,param=3").build();
             Qube u = a.union(b)) {
            assertEquals(MappedArenaProvider.NAME, u.arenaName());
            assertEquals(3, u.count());
            try (Qube expected = Qube.builder(OffHeapArenaProvider.NAME).add("class=od,param=1").add("class=od,param=2")
                    .add("class=rd,param=3").build()) {
                assertEquals(expected, u);
            }
        }
    }

    @Test
    void aForgottenArenaIsUnmappedAndItsFileDeletedByTheCleaner() throws IOException {
        long bytes = MappedArenas.liveBytes();
        long leaked = MappedArenas.leakedArenas();
        openAndDrop();
        assertEquals(1, files().size());
        awaitGc(() -> MappedArenas.leakedArenas() > leaked);
        assertEquals(bytes, MappedArenas.liveBytes(), "the Cleaner unmapped every byte");
        assertEquals(List.of(), files(), "the Cleaner deleted the file");
    }

    private static void openAndDrop() {
        MemoryArena a = new MappedArenaProvider().open(0);
        a.allocate(100, 8);
        assertFalse(a.isClosed());
    }

    static void awaitGc(BooleanSupplier done) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Cleaner did not run within 20 s");
            }
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
