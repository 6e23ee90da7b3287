package dev.qube.tests.mutants;

import dev.qube.tests.fixture.DelegatingCodec;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Broken on purpose: {@code contains} compares hash codes only (a "fast path" whose equality check
 * was dropped), so a set holding {@code "Aa"} claims to contain {@code "BB"}.
 */
public final class HashContainsCodec extends DelegatingCodec {

    public HashContainsCodec() {
        super("mutant-hash-contains");
    }

    @Override
    public boolean contains(MemorySegment source, long offset, String value) {
        List<String> all = new ArrayList<>();
        decode(source, offset, all);
        int h = value.hashCode();
        return all.stream().anyMatch(v -> v.hashCode() == h); // THE BUG: no equals
    }
}
