package dev.qube.arena.heap;

import dev.qube.spi.ArenaProvider;
import dev.qube.tests.ArenaVerification;

/** The heap backend passes the whole arena suite (rules R1–R46 of docs/CONFORMANCE.md). */
class HeapArenaVerificationTest extends ArenaVerification {
    @Override
    protected ArenaProvider provider() {
        return new HeapArenaProvider();
    }
}
