package dev.qube;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * How {@link QubeIO} reads: which backend holds the result, whether diagnostics lines in listings
 * are an error ({@code strict}), where warnings go, and a progress callback (input bytes read so far).
 * Immutable; start from {@link #defaults()}.
 */
public final class ReadOptions {

    private static final ReadOptions DEFAULTS = new ReadOptions(null, false, w -> System.err.println("warning: " + w), n -> { });

    private final String arena;
    private final boolean strict;
    private final Consumer<String> warnings;
    private final LongConsumer progress;

    private ReadOptions(String arena, boolean strict, Consumer<String> warnings, LongConsumer progress) {
        this.arena = arena;
        this.strict = strict;
        this.warnings = warnings;
        this.progress = progress;
    }

    /** Default backend, lenient, warnings to standard error, no progress. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** The backend name, or null for the default. */
    public String arena() {
        return arena;
    }

    public boolean strict() {
        return strict;
    }

    public Consumer<String> warnings() {
        return warnings;
    }

    public LongConsumer progress() {
        return progress;
    }

    public ReadOptions withArena(String arena) {
        return new ReadOptions(arena, strict, warnings, progress);
    }

    /** In strict mode, lines a listing reader would skip with a warning are an error. */
    public ReadOptions withStrict(boolean strict) {
        return new ReadOptions(arena, strict, warnings, progress);
    }

    public ReadOptions withWarnings(Consumer<String> warnings) {
        return new ReadOptions(arena, strict, Objects.requireNonNull(warnings), progress);
    }

    /** Called now and then with the number of input bytes read so far (as stored: compressed bytes for gzip). */
    public ReadOptions withProgress(LongConsumer progress) {
        return new ReadOptions(arena, strict, warnings, Objects.requireNonNull(progress));
    }
}
