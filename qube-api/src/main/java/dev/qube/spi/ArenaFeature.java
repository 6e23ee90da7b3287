package dev.qube.spi;

/** Optional capabilities of an arena backend; the conformance suite skips tests of absent ones. */
public enum ArenaFeature {
    /** Memory is native and returned to the operating system on close. */
    NATIVE_MEMORY,
    /** Segments of a closed arena throw on access (rather than staying readable). */
    INVALIDATES_ON_CLOSE,
    /** Many threads may read a built qube at once. */
    CONCURRENT_READS,
    /** The arena has a size bound below {@link MemoryArena#MAX_BYTES}. */
    SIZE_BOUND
}
