package dev.qube.arena.offheap;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide accounting of the {@code offheap} backend: how much native memory its arenas hold
 * right now and how many arenas were dropped without being closed.
 *
 * <p>{@link #liveBytes()} counts every byte reserved from the operating system by arenas that are
 * not yet freed (all of a qube's arena, not only the part in use); it returns to its earlier value
 * as soon as the qubes opened since are closed. An arena that becomes unreachable without
 * {@code close()} is freed by a {@link java.lang.ref.Cleaner} and logged on the
 * {@link System.Logger} {@value #LOGGER}: the first such leak of the process at {@code WARNING}
 * and later ones at {@code DEBUG}; with {@code -D}{@value #DEBUG_PROPERTY}{@code =true} every leak
 * is logged once at {@code WARNING} together with the stack where its qube was created.
 */
public final class OffHeapArenas {

    /** System property that turns on creation-site tracking of leaked arenas. */
    public static final String DEBUG_PROPERTY = "qube.offheap.debug";

    /** Name of the {@link System.Logger} that reports leaked arenas. */
    public static final String LOGGER = "dev.qube.arena.offheap";

    private static volatile System.Logger log = System.getLogger(LOGGER);
    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong LIVE_ARENAS = new AtomicLong();
    private static final AtomicLong LEAKED = new AtomicLong();
    private static final AtomicBoolean FIRST_LEAK_LOGGED = new AtomicBoolean();

    private OffHeapArenas() {
    }

    /** Native bytes held by all open (or not yet freed) off-heap arenas of this process. */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** Off-heap arenas of this process that hold native memory right now. */
    public static long liveArenas() {
        return LIVE_ARENAS.get();
    }

    /** Off-heap arenas that were never closed and whose memory the Cleaner freed. */
    public static long leakedArenas() {
        return LEAKED.get();
    }

    /** Whether arenas opened now record where they were created (see {@link #DEBUG_PROPERTY}). */
    public static boolean debug() {
        return Boolean.getBoolean(DEBUG_PROPERTY);
    }

    /** Sends leak reports to {@code logger} (tests capture them this way); returns the previous one. */
    static System.Logger logTo(System.Logger logger) {
        System.Logger previous = log;
        log = logger;
        return previous;
    }

    static void reserved(long bytes) {
        LIVE_BYTES.addAndGet(bytes);
    }

    static void released(long bytes) {
        LIVE_BYTES.addAndGet(-bytes);
    }

    static void opened() {
        LIVE_ARENAS.incrementAndGet();
    }

    static void freed() {
        LIVE_ARENAS.decrementAndGet();
    }

    /** Called once per leaked arena, after its memory is freed. */
    static void leaked(String arena, long bytes, Throwable createdAt) {
        report("A qube's " + arena + " was never closed; the Cleaner freed its " + bytes
                + " bytes of native memory. Close qubes (try-with-resources) to free memory at once.",
                createdAt, "OffHeapArenas.leakedArenas()");
        LEAKED.incrementAndGet(); // after the report: whoever sees the count can see the report
    }

    /**
     * Logs one leak of this module's backends ({@code offheap} or {@code mapped}): with its creation
     * site if known, else the first of the process at WARNING and later ones at DEBUG.
     */
    static void report(String what, Throwable createdAt, String counter) {
        System.Logger out = log;
        if (createdAt != null) {
            out.log(Level.WARNING, what + " It was created here:", createdAt);
        } else if (FIRST_LEAK_LOGGED.compareAndSet(false, true)) {
            out.log(Level.WARNING, what + " Run with -D" + DEBUG_PROPERTY + "=true to log where each leaked qube"
                    + " was created; further leaks are logged at DEBUG level and counted by " + counter + ".");
        } else {
            out.log(Level.DEBUG, what);
        }
    }
}
