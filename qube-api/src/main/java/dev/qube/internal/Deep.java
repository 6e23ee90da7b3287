package dev.qube.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs recursive engine work on a thread with a stack large enough for the tree's depth, so that
 * qubes thousands of keys deep never end in {@link StackOverflowError}. Shallow work (every real
 * catalogue) runs inline.
 */
public final class Deep {

    /** Depths up to this run on the caller's thread. */
    static final int INLINE_DEPTH = 200;

    /** Stack bytes reserved per level of depth (a level is a few frames of the recursive operations). */
    static final long BYTES_PER_LEVEL = 2048;

    private Deep() {
    }

    /** Runs {@code work} for trees up to {@code depth} levels deep. */
    public static <T> T run(int depth, Supplier<T> work) {
        if (depth <= INLINE_DEPTH) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long stack = Math.max(8L << 20, depth * BYTES_PER_LEVEL * 4);
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "qube-deep-work", stack);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the work cannot be abandoned half-way; finish, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }
}
