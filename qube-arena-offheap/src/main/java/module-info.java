/**
 * The {@code offheap} memory backend: each qube's arena is native memory from a shared
 * {@link java.lang.foreign.Arena}, freed all at once when the qube is closed (or, as a safety net,
 * when it becomes unreachable). {@link dev.qube.arena.offheap.OffHeapArenas} reports the live
 * off-heap bytes of the process. The {@code mapped} backend keeps each arena in a memory-mapped
 * temporary file ({@link dev.qube.arena.offheap.MappedArenas} counts them), and
 * {@link dev.qube.arena.offheap.MappedQubes#open} maps a binary qube file read-only, in place.
 */
module dev.qube.arena.offheap {
    requires transitive dev.qube.api;

    exports dev.qube.arena.offheap;

    provides dev.qube.spi.ArenaProvider with dev.qube.arena.offheap.OffHeapArenaProvider,
            dev.qube.arena.offheap.MappedArenaProvider;
}
