package dev.qube.spi;

import dev.qube.internal.Providers;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which value codecs the engine chooses from when it writes a value set.
 *
 * <p>By default it chooses among every {@link ValueCodec} found by {@link java.util.ServiceLoader}
 * (the built-in {@code utf8} codec included), the smallest encoding winning. {@link #use} replaces
 * that choice with exactly the given codecs until the returned scope is closed; a value set that
 * none of them can encode falls back to the built-in {@code utf8} codec, so building never fails
 * for want of a codec. This is how the conformance suite drives the engine through one codec.
 *
 * <p>The choice is process-wide, not per thread: use it in tests, not while other code builds
 * qubes. A qube (a built one or the result of an operation) chooses from the codecs in use when it
 * was created, and keeps them, so it stays readable after the scope ends; reading a stored qube
 * needs its codecs installed, not chosen.
 */
public final class Codecs {

    private Codecs() {
    }

    /** The codecs the engine currently chooses from. */
    public static List<ValueCodec> inUse() {
        return Providers.codecs();
    }

    /**
     * Makes the engine choose among exactly {@code codecs} (may be empty: then everything is
     * written with the {@code utf8} fallback) until the scope is closed; scopes nest. As among the
     * discovered codecs, the smallest encoding wins and ties go to the codec first by name, whatever
     * the order of {@code codecs}.
     */
    public static Scope use(Collection<? extends ValueCodec> codecs) {
        List<ValueCodec> previous = Providers.codecOverride();
        List<ValueCodec> chosen = List.copyOf(codecs);
        chosen.forEach(Objects::requireNonNull);
        Providers.overrideCodecs(chosen);
        return () -> Providers.overrideCodecs(previous);
    }

    /** Restores the codec choice that was in effect before {@link #use}. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
