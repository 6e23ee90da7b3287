package dev.qube.arena.offheap;

import dev.qube.spi.ArenaFullException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One qube's region: a single contiguous native segment from a shared {@link Arena}, 8-byte
 * aligned, starting at {@value #MIN_CAPACITY} bytes (or the size hint) and doubled when full.
 *
 * <p><b>Growth copies once per doubling.</b> The engine addresses a qube as offsets from 0 in one
 * segment, so growth allocates a block twice as large in a fresh shared arena, copies the bytes in
 * use, and closes the old arena: the old memory is returned at once and any segment of it still
 * held by someone throws {@link IllegalStateException} instead of reading freed memory. Over a
 * build, the bytes copied stay below the final size.
 *
 * <p><b>Close.</b> {@link #close()} closes the current shared arena: its memory is freed and every
 * access through any segment of it, from any thread, throws {@link IllegalStateException}
 * (including reads racing the close). Closing twice is harmless. An arena dropped without close is
 * freed by a {@link Cleaner} and reported by {@link OffHeapArenas#leaked}.
 *
 * <p>Threads: one thread allocates while a qube is built; afterwards any number read. Growth and
 * close synchronize on the {@link Region}, so a close racing a growth never leaks or double-frees.
 */
final class OffHeapArena extends DoublingArena {

    private static final AtomicLong IDS = new AtomicLong();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "qube-offheap-cleaner");
        t.setDaemon(true);
        return t;
    });


    OffHeapArena(long sizeHint) {
        this(IDS.incrementAndGet(), firstCapacity(sizeHint));
    }

    private OffHeapArena(long id, long first) {
        super("off-heap", new Region(id, first, origin(id)), first, CLEANER);
    }

    private static Throwable origin(long id) {
        return OffHeapArenas.debug() ? new Throwable("off-heap qube arena #" + id + " created here") : null;
    }

    /** A native block; growth copies the bytes in use into a block twice as large. */
    private static final class Region extends DoublingArena.Memory {

        Region(long id, long bytes, Throwable origin) {
            super("off-heap", id, origin);
            start(bytes);
            OffHeapArenas.reserved(bytes);
            OffHeapArenas.opened();
        }

        @Override
        MemorySegment open(Arena in, long bytes) {
            try {
                return in.allocate(bytes, 8);
            } catch (OutOfMemoryError e) {
                in.close();
                ArenaFullException full = new ArenaFullException("could not reserve " + bytes + " bytes of native memory");
                full.initCause(e);
                throw full;
            }
        }

        @Override
        void carry(MemorySegment from, MemorySegment to, long used) {
            MemorySegment.copy(from, 0, to, 0, used);
        }

        @Override
        void grown(long oldBytes, long newBytes) {
            OffHeapArenas.reserved(newBytes);
            OffHeapArenas.released(oldBytes);
        }

        @Override
        void released(long bytes) {
            OffHeapArenas.released(bytes);
            OffHeapArenas.freed();
        }

        @Override
        void leaked(long bytes) {
            OffHeapArenas.leaked("off-heap arena #" + id, bytes, origin);
        }
    }
}
