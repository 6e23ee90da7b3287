package dev.qube.tests;

import dev.qube.spi.InternerProvider;
import dev.qube.tests.fixture.MapInternerProvider;

/** The control for the broken interner: the correct interner it is derived from passes. */
class MapInternerVerificationTest extends InternerVerification {
    @Override
    protected InternerProvider provider() {
        return new MapInternerProvider();
    }
}
