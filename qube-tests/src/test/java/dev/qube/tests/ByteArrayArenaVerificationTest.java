package dev.qube.tests;

import dev.qube.spi.ArenaProvider;
import dev.qube.tests.fixture.ByteArrayArenaProvider;

/** The suite on an arena that exists only in this module's tests (found through META-INF/services). */
class ByteArrayArenaVerificationTest extends ArenaVerification {
    @Override
    protected ArenaProvider provider() {
        return new ByteArrayArenaProvider();
    }
}
