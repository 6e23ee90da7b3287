package dev.qube.arena.offheap;

import dev.qube.spi.ArenaProvider;
import dev.qube.tests.ArenaVerification;

/** The mapped backend passes the whole arena suite (docs/CONFORMANCE.md), exactly as the heap and off-heap backends do. */
class MappedArenaVerificationTest extends ArenaVerification {
    @Override
    protected ArenaProvider provider() {
        return new MappedArenaProvider();
    }
}
