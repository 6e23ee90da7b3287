package dev.qube.tests.mutants;

import dev.qube.tests.fixture.DelegatingCodec;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Broken on purpose: iterates its values by code point rather than in canonical order. */
public final class ReorderingCodec extends DelegatingCodec {

    public ReorderingCodec() {
        super("mutant-reorders");
    }

    @Override
    public void decode(MemorySegment source, long offset, List<String> into) {
        List<String> all = new ArrayList<>();
        super.decode(source, offset, all);
        all.sort(String::compareTo); // THE BUG: "10" before "9"
        into.addAll(all);
    }
}
