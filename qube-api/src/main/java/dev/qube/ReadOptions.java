package dev.qube;

import dev.qube.internal.Parallel;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * How {@link QubeIO} reads: which backend holds the result, whether diagnostics lines in listings
 * are an error ({@code strict}), where warnings go, a progress callback (input bytes read so far),
 * and how many threads large listings are read on.
 * Immutable; start from {@link #defaults()}.
 */
public final class ReadOptions {

    private static final ReadOptions DEFAULTS = new ReadOptions(null, false, w -> System.err.println("warning: " + w), n -> { },
            Parallel.defaultThreads());

    private final String arena;
    private final boolean strict;
    private final Consumer<String> warnings;
    private final LongConsumer progress;
    private final int threads;

    private ReadOptions(String arena, boolean strict, Consumer<String> warnings, LongConsumer progress, int threads) {
        this.arena = arena;
        this.strict = strict;
        this.warnings = warnings;
        this.progress = progress;
        this.threads = threads;
    }

    /** Default backend, lenient, warnings to standard error, no progress, the available processors (at most 8). */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** The backend name, or null for the default. */
    public String arena() {
        return arena;
    }

    /** Whether lines a listing reader would skip are an error (see {@link #withStrict}). */
    public boolean strict() {
        return strict;
    }

    /** Where warnings go: one line each, naming the source (by default they are dropped). */
    public Consumer<String> warnings() {
        return warnings;
    }

    /** What is told, now and then, the bytes of the input read so far. */
    public LongConsumer progress() {
        return progress;
    }

    /** These options reading into the backend of that name ({@code null}: the default). */
    public ReadOptions withArena(String arena) {
        return new ReadOptions(arena, strict, warnings, progress, threads);
    }

    /** In strict mode, lines a listing reader would skip with a warning are an error. */
    public ReadOptions withStrict(boolean strict) {
        return new ReadOptions(arena, strict, warnings, progress, threads);
    }

    /** These options giving each warning (a listing's skipped lines, one line naming the source) to {@code warnings}. */
    public ReadOptions withWarnings(Consumer<String> warnings) {
        return new ReadOptions(arena, strict, Objects.requireNonNull(warnings), progress, threads);
    }

    /** Called now and then with the number of input bytes read so far (as stored: compressed bytes for gzip). */
    public ReadOptions withProgress(LongConsumer progress) {
        return new ReadOptions(arena, strict, warnings, Objects.requireNonNull(progress), threads);
    }

    /** Threads a listing of one identifier a line (fdb, ids) larger than about 1 MiB is read on. */
    public int threads() {
        return threads;
    }

    /**
     * Reads large listings on up to {@code threads} threads (1: on the caller's thread only). The
     * qube read, its warnings and its errors do not depend on it.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public ReadOptions withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new ReadOptions(arena, strict, warnings, progress, threads);
    }
}
