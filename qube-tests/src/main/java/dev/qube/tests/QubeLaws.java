package dev.qube.tests;

import dev.qube.spi.ArenaProvider;
import java.util.List;

/**
 * {@link ArenaVerification} for suites that name their backend instead of handing over its
 * provider: the provider registered under {@link #arena()} is looked up with
 * {@link java.util.ServiceLoader}, exactly as the engine finds it.
 */
public abstract class QubeLaws extends ArenaVerification {

    /** For subclasses, which name the backend under test. */
    protected QubeLaws() {
    }

    /** Name of the arena backend under test. */
    protected abstract String arena();

    @Override
    protected final ArenaProvider provider() {
        String wanted = arena();
        List<ArenaProvider> all = Discovery.raw(ArenaProvider.class).stream()
                .filter(p -> Discovery.nameOf(p, ArenaProvider::name).equals(wanted))
                .map(java.util.ServiceLoader.Provider::get).toList();
        if (all.isEmpty()) {
            throw new IllegalStateException("no ArenaProvider named '" + wanted + "' is registered for ServiceLoader");
        }
        return all.getFirst();
    }
}
