package dev.qube.server.catalog;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.server.facet.FacetIndex;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version of a catalogue: its qube, its facet index, and a reference count, so that a
 * reload or union can replace it while requests still read it. The catalogue holds one reference;
 * each request {@link #acquire()}s one and releases it when done; the qube is closed when the last
 * reference goes (never under a reader).
 */
public final class Snapshot implements AutoCloseable {
    private final String name;
    private final String source;
    private final QubeFormat format;
    private final Qube qube;
    private final FacetIndex index;
    private final long generation;
    private final Instant loaded;
    private final AtomicInteger refs = new AtomicInteger(1);

    Snapshot(String name, String source, QubeFormat format, Qube qube, long generation) {
        this.name = name;
        this.source = source;
        this.format = format;
        this.qube = qube;
        this.index = FacetIndex.of(qube);
        this.generation = generation;
        this.loaded = Instant.now();
    }

    /** The catalogue's name (the file name without its extensions). */
    public String name() {
        return name;
    }

    /** Where it was read from. */
    public String source() {
        return source;
    }

    /** The format it was read in. */
    public QubeFormat format() {
        return format;
    }

    /** The qube; valid while a reference is held. */
    public Qube qube() {
        return qube;
    }

    /** The facet index of the qube. */
    public FacetIndex index() {
        return index;
    }

    /** 1 for the first load, one more for every reload or union. */
    public long generation() {
        return generation;
    }

    /** When this version was loaded. */
    public Instant loaded() {
        return loaded;
    }

    /** Takes a reference; false when the snapshot was already released by all (retired). */
    boolean acquire() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the qube. */
    @Override
    public void close() {
        if (refs.decrementAndGet() == 0) {
            qube.close();
        }
    }
}
