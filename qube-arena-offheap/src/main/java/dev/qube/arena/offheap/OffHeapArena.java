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

    /**
     * The native memory of one arena and its release action. Holds no reference to the
     * {@link OffHeapArena}, so that the arena can become unreachable and be cleaned.
     */
    private static final class Region implements DoublingArena.Memory {
        final long id;
        final Throwable origin;
        private Arena scope;
        volatile MemorySegment segment;

        @Override
        public long id() {
            return id;
        }

        @Override
        public MemorySegment segment() {
            return segment;
        }
        private long reserved;
        private boolean freed;
        private boolean byOwner;

        Region(long id, long bytes, Throwable origin) {
            this.id = id;
            this.origin = origin;
            this.scope = Arena.ofShared();
            this.segment = reserve(scope, bytes);
            this.reserved = bytes;
            OffHeapArenas.reserved(bytes);
            OffHeapArenas.opened();
        }

        private static MemorySegment reserve(Arena in, long bytes) {
            try {
                return in.allocate(bytes, 8);
            } catch (OutOfMemoryError e) {
                in.close();
                ArenaFullException full = new ArenaFullException("could not reserve " + bytes + " bytes of native memory");
                full.initCause(e);
                throw full;
            }
        }

        /** Moves the bytes in use to a block of at least {@code needed} bytes; returns its size. */
        @Override
        public synchronized long grow(long used, long needed) {
            if (freed) {
                throw new IllegalStateException("this off-heap arena (#" + id + ") is closed");
            }
            long bigger = Math.max((needed + 7) & ~7L, Math.min(2 * reserved, MAX_BYTES));
            Arena next = Arena.ofShared();
            MemorySegment grown = reserve(next, bigger);
            OffHeapArenas.reserved(bigger);
            MemorySegment.copy(segment, 0, grown, 0, used);
            Arena old = scope;
            long oldBytes = reserved;
            scope = next;
            segment = grown;
            reserved = bigger;
            old.close();
            OffHeapArenas.released(oldBytes);
            return bigger;
        }

        @Override
        public synchronized void closedByOwner() {
            byOwner = true;
        }

        /** Frees the memory; run at most once, by close() or by the Cleaner. */
        @Override
        public void run() {
            long bytes;
            boolean leak;
            synchronized (this) {
                if (freed) {
                    return;
                }
                freed = true;
                scope.close();
                bytes = reserved;
                leak = !byOwner;
                OffHeapArenas.released(bytes);
                OffHeapArenas.freed();
            }
            if (leak) {
                OffHeapArenas.leaked("off-heap arena #" + id, bytes, origin);
            }
        }
    }
}
