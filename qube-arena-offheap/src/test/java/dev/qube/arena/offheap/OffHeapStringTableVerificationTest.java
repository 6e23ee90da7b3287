package dev.qube.arena.offheap;

import dev.qube.spi.ArenaProvider;

/** The arena suite with only the string table chosen, on the `offheap` backend. */
class OffHeapStringTableVerificationTest extends StringTableArenaVerification {

    @Override
    protected ArenaProvider provider() {
        return new OffHeapArenaProvider();
    }
}
