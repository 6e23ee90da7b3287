package dev.qube.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.arena.offheap.MappedArenas;
import dev.qube.arena.offheap.OffHeapArenas;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of its JVM (class order by {@link Order}, see
 * {@code junit-platform.properties}) and fails the run when off-heap or mapped bytes are still live
 * once the GC and the Cleaner have had their chance, or when any arena was left to the Cleaner at
 * all: a test (or the library) leaked native memory.
 */
@Order(Integer.MAX_VALUE)
class LiveMemoryAtEndTest {

    @Test
    void noOffHeapOrMappedBytesAreLiveAtTheEndOfTheRun() throws InterruptedException {
        for (int i = 0; i < 50 && OffHeapArenas.liveBytes() + MappedArenas.liveBytes() > 0; i++) {
            System.gc();
            Thread.sleep(100);
        }
        System.out.printf("[leaks] end of run: live off-heap %d bytes in %d arenas, live mapped %d bytes in %d arenas;"
                        + " freed by the Cleaner: %d off-heap, %d mapped%n", OffHeapArenas.liveBytes(), OffHeapArenas.liveArenas(),
                MappedArenas.liveBytes(), MappedArenas.liveArenas(), OffHeapArenas.leakedArenas(), MappedArenas.leakedArenas());
        assertEquals(0, OffHeapArenas.liveBytes(), "off-heap bytes still live at the end of the run");
        assertEquals(0, MappedArenas.liveBytes(), "mapped bytes still live at the end of the run");
        assertEquals(0, SmallArenaProvider.OPEN.get(), "test-small arenas still open at the end of the run");
        // every qube of these tests is closed, by the test or by the operation that failed: none is left to the Cleaner
        assertEquals(0, OffHeapArenas.leakedArenas(), "off-heap arenas freed by the Cleaner instead of close");
        assertEquals(0, MappedArenas.leakedArenas(), "mapped arenas unmapped by the Cleaner instead of close");
    }
}
