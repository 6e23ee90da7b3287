package dev.qube.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes threads collide for real: a few threads run many short rounds, and every round starts
 * behind a barrier, so that all of them enter the code under test at the same moment, round after
 * round. The verdict never depends on timing: a thread checks what it saw against what one thread
 * alone computes, and nothing is timed (the barrier waits are generous guards against a hang, not
 * limits on speed). On a busy machine threads overlap less often, so a broken backend is caught
 * in fewer rounds, but a correct one never fails.
 */
final class Contention {

    /** How long a barrier waits for the other threads before the rule fails as hung. */
    private static final long HANG_MINUTES = 10;

    /** One thread's work in one round; throws (an {@link AssertionError} or anything) on a wrong answer. */
    @FunctionalInterface
    interface Work {
        void run(int round, int thread) throws Exception;
    }

    private Contention() {
    }

    /**
     * Runs {@code work} on {@code threads} threads for {@code rounds} rounds, all threads starting
     * each round together. Throws the first failure, prefixed with {@code rule} so that the report
     * names the rule; the other threads stop at the next round.
     */
    static void run(String rule, int threads, int rounds, Work work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int round = 0; round < rounds && failure.get() == null; round++) {
                    try {
                        barrier.await(HANG_MINUTES, TimeUnit.MINUTES);
                        work.run(round, thread);
                    } catch (BrokenBarrierException e) {
                        return; // another thread failed and broke the barrier
                    } catch (TimeoutException e) {
                        failure.compareAndSet(null, new AssertionError(rule + ": threads hung for " + HANG_MINUTES
                                + " minutes in round " + round, e));
                        barrier.reset();
                        return;
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        barrier.reset(); // releases the others waiting at the barrier
                        return;
                    }
                }
            }, "qube-contention-" + t);
            th.setDaemon(true);
            started.add(th);
            th.start();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HANG_MINUTES);
        for (Thread th : started) {
            while (true) {
                try {
                    th.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (th.isAlive()) { // a guard against a hang (a corrupted table can loop for ever), not a time limit
                failure.compareAndSet(null, new AssertionError(rule + ": a thread did not finish in " + HANG_MINUTES + " minutes"));
                failed(started);
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f != null) {
            String m = String.valueOf(f.getMessage());
            throw new AssertionError(m.startsWith(rule) ? m : rule + ": " + f, f);
        }
    }

    private static void failed(List<Thread> threads) {
        threads.forEach(Thread::interrupt); // daemon threads: left behind if they ignore it
    }

    /** One step of one thread's work in one round; throws on a wrong answer. */
    @FunctionalInterface
    interface Step {
        void run(int round, int thread, int step) throws Exception;
    }

    /**
     * Runs rounds in which every thread repeats {@code step} (step 0, 1, 2, …) until each has done
     * at least {@code minSteps} and has seen other threads make progress while it ran (proof that
     * they ran at the same time, not one after the other) on at least {@code minSteps / 4} of its
     * steps, or until {@code maxSteps}. On an idle machine this ends after
     * {@code minSteps}; on a busy one, where threads seldom get processors at the same time, a
     * round goes on until they have overlapped, so collisions happen however loaded the machine
     * is. {@code afterRound} runs on the calling thread after each round.
     */
    static void untilCollided(String rule, int threads, int rounds, int minSteps, int maxSteps, Step step,
            java.util.function.IntConsumer afterRound) {
        for (int round = 0; round < rounds; round++) {
            java.util.concurrent.atomic.AtomicLongArray progress = new java.util.concurrent.atomic.AtomicLongArray(threads);
            java.util.concurrent.atomic.AtomicInteger satisfied = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
            int r = round;
            run(rule, threads, 1, (ignored, t) -> {
                long[] last = new long[threads];
                int overlapped = 0;
                boolean done = false;
                // every thread goes on until all are satisfied, so that none is left to run alone
                for (int i = 0; i < maxSteps && satisfied.get() < threads && !failed.get(); i++) {
                    try {
                        step.run(r, t, i);
                    } catch (Throwable e) {
                        failed.set(true); // the others stop too: one failure is the verdict
                        throw e;
                    }
                    progress.set(t, i + 1);
                    boolean others = false;
                    for (int o = 0; o < threads; o++) {
                        long p = progress.get(o);
                        if (o != t && p != last[o]) {
                            others |= last[o] != 0;
                            last[o] = p;
                        }
                    }
                    if (others) {
                        overlapped++;
                    }
                    if (!done && i + 1 >= minSteps && overlapped >= minSteps / 4) {
                        done = true;
                        satisfied.incrementAndGet();
                    }
                }
            });
            afterRound.accept(round);
        }
    }
}
