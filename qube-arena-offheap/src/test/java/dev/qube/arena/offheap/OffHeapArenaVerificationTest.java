package dev.qube.arena.offheap;

import dev.qube.spi.ArenaProvider;
import dev.qube.tests.ArenaVerification;

/** The off-heap backend passes the whole arena suite (docs/CONFORMANCE.md), exactly as the heap backend does. */
class OffHeapArenaVerificationTest extends ArenaVerification {
    @Override
    protected ArenaProvider provider() {
        return new OffHeapArenaProvider();
    }
}
