package dev.qube.tests.pit;

import dev.qube.tests.QubeLaws;
import dev.qube.tests.fixture.ByteArrayArenaProvider;

/**
 * The arena rules on this module's {@code test-bytes} arena, one test method per rule, for the
 * {@code mutation} profile only: PIT runs a test method as one unit and stops at the first that
 * kills a mutant, so per-rule methods kill fast where {@code DiscoveredProvidersTest}'s one test
 * factory would run every rule for every mutant. Its name keeps it out of surefire's default
 * includes: the plain build already runs these rules through {@code DiscoveredProvidersTest}.
 */
class ArenaRules extends QubeLaws {

    @Override
    protected String arena() {
        return ByteArrayArenaProvider.NAME;
    }
}
