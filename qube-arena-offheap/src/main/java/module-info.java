/**
 * The {@code offheap} memory backend: each qube's arena is native memory from a shared
 * {@link java.lang.foreign.Arena}, freed all at once when the qube is closed (or, as a safety net,
 * when it becomes unreachable). {@link dev.qube.arena.offheap.OffHeapArenas} reports the live
 * off-heap bytes of the process.
 */
module dev.qube.arena.offheap {
    requires dev.qube.api;

    exports dev.qube.arena.offheap;

    provides dev.qube.spi.ArenaProvider with dev.qube.arena.offheap.OffHeapArenaProvider;
}
