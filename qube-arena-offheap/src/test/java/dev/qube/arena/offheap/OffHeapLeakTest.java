package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.spi.MemoryArena;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A qube dropped without {@code close()} still has its native memory freed (by the Cleaner), and
 * the leak is reported exactly once, with the creation stack when {@code qube.offheap.debug} is on.
 */
class OffHeapLeakTest {

    /** One log call. */
    record Entry(System.Logger.Level level, String message, Throwable thrown) {
    }

    /** A System.Logger that keeps what it is given. */
    static final class Capture implements System.Logger {
        final List<Entry> entries = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return OffHeapArenas.LOGGER;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            entries.add(new Entry(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            entries.add(new Entry(level, format, null));
        }

        List<Entry> about(String arena) {
            return entries.stream().filter(e -> e.message().contains(arena + " ")).toList();
        }
    }

    private final Capture capture = new Capture();
    private System.Logger previous;

    @BeforeEach
    void capture() {
        previous = OffHeapArenas.logTo(capture);
    }

    @AfterEach
    void restore() {
        OffHeapArenas.logTo(previous);
        System.clearProperty(OffHeapArenas.DEBUG_PROPERTY);
    }

    @Test
    void aDroppedQubeIsFreedAndLoggedOnceWithWhereItWasCreatedWhenDebugIsOn() throws InterruptedException {
        System.setProperty(OffHeapArenas.DEBUG_PROPERTY, "true");
        long bytes = OffHeapArenas.liveBytes();
        long leaked = OffHeapArenas.leakedArenas();
        long reserved = buildAndDropAQube();
        assertTrue(OffHeapArenas.liveBytes() >= bytes + reserved, "the dropped qube still holds its memory");
        awaitGc(() -> OffHeapArenas.leakedArenas() > leaked);
        assertEquals(leaked + 1, OffHeapArenas.leakedArenas());
        assertEquals(bytes, OffHeapArenas.liveBytes(), "the Cleaner returned every byte");
        Thread.sleep(200);
        assertEquals(1, capture.entries.size(), () -> "logged once: " + capture.entries);
        Entry e = capture.entries.getFirst();
        assertEquals(System.Logger.Level.WARNING, e.level());
        assertTrue(e.message().contains("never closed") && e.message().contains(reserved + " bytes"), e::message);
        assertNotNull(e.thrown(), "the creation stack comes with the report");
        assertTrue(Arrays.stream(e.thrown().getStackTrace()).anyMatch(f -> f.getMethodName().equals("buildAndDropAQube")),
                () -> "the stack shows where the qube was created: " + Arrays.toString(e.thrown().getStackTrace()));
    }

    @Test
    void withoutDebugALeakIsFreedAndLoggedOnceWithoutAStack() {
        long bytes = OffHeapArenas.liveBytes();
        long leaked = OffHeapArenas.leakedArenas();
        String arena = openAndDropAnArena();
        awaitGc(() -> OffHeapArenas.leakedArenas() > leaked);
        assertEquals(bytes, OffHeapArenas.liveBytes());
        List<Entry> about = capture.about(arena);
        assertEquals(1, about.size(), () -> "logged once: " + capture.entries);
        Entry e = about.getFirst();
        assertNull(e.thrown(), "no creation stack is recorded unless debug is on");
        if (leaked == 0) {
            assertEquals(System.Logger.Level.WARNING, e.level(), "the first leak of the process is a warning");
            assertTrue(e.message().contains(OffHeapArenas.DEBUG_PROPERTY), "and says how to find the culprit");
        } else {
            assertEquals(System.Logger.Level.DEBUG, e.level(), "later leaks do not flood the log");
        }
    }

    @Test
    void aClosedQubeIsNeverReportedAsALeak() throws InterruptedException {
        long leaked = OffHeapArenas.leakedArenas();
        long bytes = OffHeapArenas.liveBytes();
        WeakReference<Qube> ref = buildAndCloseAQube();
        awaitGc(() -> ref.get() == null);
        Thread.sleep(200);
        assertEquals(leaked, OffHeapArenas.leakedArenas());
        assertEquals(bytes, OffHeapArenas.liveBytes());
        assertEquals(List.of(), capture.entries);
    }

    /** Builds a qube in one arena and lets go of it; returns the bytes that arena reserved. */
    private static long buildAndDropAQube() {
        long before = OffHeapArenas.liveBytes();
        var b = Qube.builder("offheap");
        for (int i = 0; i < 500; i++) {
            b.add("class=od,param=" + i);
        }
        Qube q = b.build();
        assertEquals(500, q.count());
        return OffHeapArenas.liveBytes() - before;
    }

    private static String openAndDropAnArena() {
        MemoryArena a = new OffHeapArenaProvider().open(0);
        a.allocate(100, 8);
        String s = a.toString();
        return s.substring(0, s.indexOf(' ', s.indexOf('#')));
    }

    private static WeakReference<Qube> buildAndCloseAQube() {
        Qube q = Qube.builder("offheap").add("a=1").build();
        q.close();
        return new WeakReference<>(q);
    }

    private static void awaitGc(BooleanSupplier done) {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            System.gc();
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertTrue(done.getAsBoolean(), "the garbage collector and the Cleaner did not get to it within 5 s");
    }
}
