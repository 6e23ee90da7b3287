package dev.qube.arena.offheap;

import dev.qube.spi.ArenaProvider;

/** The arena suite with only the string table chosen, on the `mapped` backend. */
class MappedStringTableVerificationTest extends StringTableArenaVerification {

    @Override
    protected ArenaProvider provider() {
        return new MappedArenaProvider();
    }
}
