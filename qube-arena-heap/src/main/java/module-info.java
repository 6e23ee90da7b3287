/** The default memory backend: arenas on the Java heap, reclaimed by the garbage collector. */
module dev.qube.arena.heap {
    requires dev.qube.api;

    provides dev.qube.spi.ArenaProvider with dev.qube.arena.heap.HeapArenaProvider;
}
