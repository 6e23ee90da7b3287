package dev.qube.tests.strings;

import dev.qube.spi.Codecs;
import dev.qube.tests.QubeLaws;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole conformance suite with every value set stored in the engine's per-qube string table. */
class StringTableLawsTest extends QubeLaws {

    private static Codecs.Scope tableOnly;

    @BeforeAll
    static void onlyTheStringTable() {
        tableOnly = Codecs.use(java.util.List.of(StringTableTest.table()));
    }

    @AfterAll
    static void restore() {
        tableOnly.close();
    }

    @Override
    protected String arena() {
        return ByteArrayArenaProvider.NAME;
    }
}
