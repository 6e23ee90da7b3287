package dev.qube.tests.mutants;

import dev.qube.spi.Partition;
import dev.qube.tests.fixture.DelegatingCodec;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Broken on purpose: its partition loses the last common value of two sets. */
public final class DropsPartitionValueCodec extends DelegatingCodec {

    public DropsPartitionValueCodec() {
        super("mutant-drops-value");
    }

    @Override
    public Partition partition(MemorySegment sa, long offA, MemorySegment sb, long offB) {
        Partition p = super.partition(sa, offA, sb, offB);
        List<String> both = new ArrayList<>(p.both());
        if (!both.isEmpty()) {
            both.removeLast(); // THE BUG
        }
        return new Partition(p.onlyA(), both, p.onlyB());
    }
}
