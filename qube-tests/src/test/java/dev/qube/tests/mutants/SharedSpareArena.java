package dev.qube.tests.mutants;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.MemoryArena;

/**
 * Broken on purpose: to spare the garbage collector, the provider keeps the array an arena
 * outgrew as a spare for the next growth of any of its arenas (the engine re-reads the segment
 * after every allocation, so an outgrown array is free). The spare is handed over without
 * synchronisation, and replaced only after the copy: one thread at a time it is right; two
 * arenas growing at once on two threads both take the same spare and write over each other.
 */
public final class SharedSpareArena implements ArenaProvider {

    private static byte[] spare; // THE BUG: shared by every arena, taken and replaced without a lock

    @Override
    public String name() {
        return "mutant-shared-spare";
    }

    @Override
    public MemoryArena open(long sizeHint) {
        return new GrowableTestArena() {
            @Override
            protected byte[] grow(byte[] old, long needed, int capacity) {
                byte[] s = spare;
                byte[] fresh = s != null && s.length >= needed ? s : new byte[capacity];
                System.arraycopy(old, 0, fresh, 0, old.length);
                spare = old == fresh ? null : old;
                return fresh;
            }
        };
    }
}
