package dev.qube.tests;

import dev.qube.Qube;
import java.util.ArrayList;
import java.util.List;

/** Closes every qube a rule makes, so that no rule leaks arenas (off-heap backends log leaks). */
final class Made implements AutoCloseable {
    private final List<Qube> qubes = new ArrayList<>();

    /** Keeps {@code q} to close it later; returns it. */
    Qube k(Qube q) {
        qubes.add(q);
        return q;
    }

    @Override
    public void close() {
        for (int i = qubes.size() - 1; i >= 0; i--) {
            qubes.get(i).close();
        }
        qubes.clear();
    }
}
