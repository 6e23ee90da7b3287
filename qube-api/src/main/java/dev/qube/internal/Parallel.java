package dev.qube.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs a few independent pieces of engine work on threads of their own and gathers the results
 * in order. Either every piece succeeds, or the results of those that did are handed to
 * {@code discard} (to free their arenas) and the failure of the first piece in order is thrown.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Threads used by default for large work: the processors available, at most 8. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** The results of {@code tasks}, in order; the first runs on the caller's thread. */
    public static <T> List<T> run(List<? extends Callable<T>> tasks, Consumer<? super T> discard) throws IOException {
        int n = tasks.size();
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(null);
        }
        Throwable[] failures = new Throwable[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int at = i;
            Thread t = new Thread(null, () -> call(tasks.get(at), out, failures, at), "qube-worker-" + i, 64L << 20);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        if (n > 0) {
            call(tasks.get(0), out, failures, 0);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the pieces cannot be abandoned half-way: finish, then restore the flag
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable first = null;
        for (Throwable f : failures) {
            if (f != null) {
                first = f;
                break;
            }
        }
        @SuppressWarnings("unchecked")
        List<T> results = (List<T>) (List<?>) out;
        if (first == null) {
            return results;
        }
        for (int i = 0; i < n; i++) {
            if (failures[i] == null && results.get(i) != null) {
                try {
                    discard.accept(results.get(i));
                } catch (RuntimeException e) {
                    first.addSuppressed(e);
                }
            }
        }
        switch (first) {
            case IOException e -> throw e;
            case UncheckedIOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(first);
        }
    }

    private static <T> void call(Callable<T> task, List<Object> out, Throwable[] failures, int at) {
        try {
            T r = task.call();
            synchronized (out) {
                out.set(at, r);
            }
        } catch (Throwable e) {
            failures[at] = e;
        }
    }
}
