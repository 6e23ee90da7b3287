package dev.qube.spi;

import java.lang.foreign.MemorySegment;

/**
 * A growable memory region that the engine lays a qube's nodes and values into.
 *
 * <p>The engine owns the layout: an arena only hands out aligned, non-overlapping byte ranges and
 * exposes them as one {@link MemorySegment} starting at offset 0. Contract (checked by the
 * conformance suite in {@code qube-tests}):
 * <ul>
 *   <li>{@link #allocate} returns an offset aligned to the requested alignment; ranges returned by
 *       successive calls never overlap; bytes already written survive growth.</li>
 *   <li>{@link #segment()} covers at least every allocated byte. Growth may replace the segment, so
 *       callers re-read it after every {@code allocate}.</li>
 *   <li>{@link #bytesInUse()} is exactly the sum of allocated sizes plus alignment padding.</li>
 *   <li>After {@link #close()}, {@link #segment()} and {@link #allocate} throw
 *       {@link IllegalStateException}; a segment obtained earlier must not expose stale or reused
 *       memory (native arenas invalidate it; heap arenas keep the old, immutable bytes alive).
 *       Closing twice is harmless.</li>
 * </ul>
 *
 * <p><b>Threads</b> (rules R72–R74 of {@code docs/CONFORMANCE.md}). The engine works on several
 * threads and hands arenas from one thread to another, so an arena must be usable from
 * <em>any</em> thread, never only from the thread that opened it (no {@code Arena.ofConfined()}
 * memory, no thread-local state): a qube is built, read, combined and closed on whatever threads
 * its user picks; {@code Qube.union(many, threads)} builds its partial results on worker threads
 * and reads them on the caller's; a large listing is read by workers that each fill an arena of
 * their own; operations on very deep trees run on a thread with a larger stack. The engine orders
 * these hand-overs (a happens-before edge, as {@code Thread.start}/{@code join} give), so an
 * arena needs no locks for them. Different arenas of one provider are used by different threads
 * at the same time: state shared between arenas (a pool, a cache, a scratch buffer in the
 * provider) must be thread-safe. While a qube is built, its arena is used by one thread at a
 * time. The engine reads one arena from several threads <em>at the same time</em> only when the
 * provider declares {@link ArenaFeature#CONCURRENT_READS}; then {@link #segment()},
 * {@link #bytesInUse()} and {@link #isClosed()} may be called concurrently on a built qube's arena.
 */
public interface MemoryArena extends AutoCloseable {

    /** Largest region a qube may use: node references are unsigned 32-bit offsets. */
    long MAX_BYTES = 1L << 32;

    /**
     * Reserves {@code size} bytes aligned to {@code alignment} (a power of two, at most 8).
     *
     * @return the offset of the first reserved byte
     * @throws IllegalStateException if the arena is closed
     * @throws ArenaFullException if the region would pass its limit (never a partial write)
     */
    long allocate(long size, long alignment);

    /** The region, from offset 0 to at least {@link #bytesInUse()}. */
    MemorySegment segment();

    /** Bytes handed out so far, padding included. */
    long bytesInUse();

    /** Bytes this arena holds from its memory source (at least {@link #bytesInUse()}). */
    long bytesReserved();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /** Releases the region; idempotent. */
    @Override
    void close();
}
