package dev.qube.spi;

/** Optional capabilities of an arena backend; the conformance suite skips tests of absent ones. */
public enum ArenaFeature {
    /** Memory is native and returned to the operating system on close. */
    NATIVE_MEMORY,
    /** Segments of a closed arena throw on access (rather than staying readable). */
    INVALIDATES_ON_CLOSE,
    /**
     * Many threads may read a built qube at once: {@link MemoryArena#segment()},
     * {@link MemoryArena#bytesInUse()} and {@link MemoryArena#isClosed()} may be called
     * concurrently, and nothing on the read path changes shared state. Without it, the engine
     * itself never reads one arena from two threads at once, and users should confine each qube of
     * the backend to one thread at a time. Every arena, with or without this feature, must be
     * usable from any thread, one at a time (see {@link MemoryArena}).
     */
    CONCURRENT_READS,
    /** The arena has a size bound below {@link MemoryArena#MAX_BYTES}. */
    SIZE_BOUND
}
