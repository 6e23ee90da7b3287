package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.tests.fixture.ByteArrayArenaProvider;
import org.junit.jupiter.api.Test;

/** Suites that name their backend get the provider registered under that name. */
class QubeLawsTest {

    private static QubeLaws named(String name) {
        return new QubeLaws() {
            @Override
            protected String arena() {
                return name;
            }
        };
    }

    @Test
    void findsTheRegisteredProviderByName() {
        QubeLaws laws = named(ByteArrayArenaProvider.NAME);
        assertTrue(laws.subject() instanceof ByteArrayArenaProvider);
        assertEquals(ByteArrayArenaProvider.NAME, laws.arenaName());
    }

    @Test
    void anUnknownNameIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> named("no-such-arena").subject());
        assertTrue(e.getMessage().contains("no-such-arena"), e.getMessage());
    }
}
