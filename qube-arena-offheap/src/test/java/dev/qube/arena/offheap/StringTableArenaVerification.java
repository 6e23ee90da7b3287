package dev.qube.arena.offheap;

import dev.qube.spi.Codecs;
import dev.qube.tests.ArenaVerification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole arena suite again with every value set in the engine's per-qube string table (the only
 * encoding chosen): the table's records live in the backend's memory like every other record.
 * Subclasses name the backend.
 */
abstract class StringTableArenaVerification extends ArenaVerification {

    private static Codecs.Scope tableOnly;

    @BeforeAll
    static void onlyTheStringTable() {
        tableOnly = Codecs.use(Codecs.inUse().stream().filter(c -> c.name().equals("strings")).toList());
        if (Codecs.inUse().size() != 1) {
            throw new AssertionError("the engine offers no string table");
        }
    }

    @AfterAll
    static void restore() {
        tableOnly.close();
    }
}
