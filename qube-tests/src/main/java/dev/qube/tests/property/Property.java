package dev.qube.tests.property;

import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated values: a fixed number of tries, each from its own seed; on
 * failure, shrinks the value greedily to a small one that still fails and reports the seed, the
 * original and the shrunk value.
 *
 * <p>System properties: {@code qube.tries} (tries per property, default 100); {@code qube.seed}
 * ({@code SEED:SIZE} as printed by an earlier failure: that case runs first, so it replays
 * exactly; the later tries follow from the same seed).
 */
public final class Property {

    private static final int MAX_SHRINK_STEPS = 2_000;

    private Property() {
    }

    /** Tries per property, from {@code -Dqube.tries} (default 100). */
    public static int tries() {
        return Integer.getInteger("qube.tries", 100);
    }

    /**
     * Checks {@code property} on {@link #tries()} values of {@code gen}. The property fails by
     * throwing (an {@link AssertionError} or any exception).
     *
     * @throws AssertionError with the seed and the shrunk counterexample
     */
    public static <T> void forAll(String name, Gen<T> gen, Consumer<T> property) {
        forAll(name, tries(), gen, property);
    }

    /** As {@link #forAll(String, Gen, Consumer)} with an explicit number of tries. */
    public static <T> void forAll(String name, int tries, Gen<T> gen, Consumer<T> property) {
        String replay = System.getProperty("qube.seed");
        long replaySeed = 0;
        int replaySize = 0;
        if (replay != null) {
            try {
                int colon = replay.indexOf(':');
                replaySeed = Long.parseLong(colon < 0 ? replay : replay.substring(0, colon));
                replaySize = colon < 0 ? 1 : Integer.parseInt(replay.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dqube.seed takes SEED:SIZE as printed by a failure, not '" + replay + "'", e);
            }
        }
        long base = replay != null ? replaySeed : System.nanoTime() ^ name.hashCode();
        SplittableRandom seeds = new SplittableRandom(base);
        for (int i = 0; i < tries; i++) {
            boolean replaying = i == 0 && replay != null;
            long seed = replaying ? replaySeed : seeds.nextLong();
            int size = replaying ? replaySize : 1 + (i * 30) / Math.max(1, tries);
            T value = gen.next(new SplittableRandom(seed), size);
            Throwable failure = failure(property, value);
            if (failure != null) {
                Shrunk<T> s = shrink(gen, property, value, failure);
                AssertionError e = new AssertionError(name + " failed on try " + (i + 1) + " of " + tries
                        + " (replay: -Dqube.seed=" + seed + ":" + size + ")\n  shrunk in " + s.steps + " steps to: " + gen.show(s.value)
                        + "\n  original: " + gen.show(value)
                        + "\n  failure: " + s.failure, s.failure);
                throw e;
            }
        }
    }

    private record Shrunk<T>(T value, Throwable failure, int steps) {
    }

    private static <T> Shrunk<T> shrink(Gen<T> gen, Consumer<T> property, T value, Throwable failure) {
        int steps = 0;
        boolean progress = true;
        while (progress && steps < MAX_SHRINK_STEPS) {
            progress = false;
            Iterator<T> candidates = gen.shrink(value).iterator();
            while (candidates.hasNext() && steps < MAX_SHRINK_STEPS) {
                T c = candidates.next();
                steps++;
                Throwable f = failure(property, c);
                if (f != null) {
                    value = c;
                    failure = f;
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk<>(value, failure, steps);
    }

    private static <T> Throwable failure(Consumer<T> property, T value) {
        try {
            property.accept(value);
            return null;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
            return t;
        }
    }
}
