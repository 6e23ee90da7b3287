package dev.qube.tests;

import dev.qube.tests.fixture.ByteArrayArenaProvider;

/** The laws on an arena that exists only in this module's tests (found through META-INF/services). */
class ByteArrayArenaLawsTest extends QubeLaws {
    @Override
    protected String arena() {
        return ByteArrayArenaProvider.NAME;
    }
}
