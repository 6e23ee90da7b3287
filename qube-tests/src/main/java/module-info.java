/**
 * The conformance suite: property tests against a plain-set model that any arena, interner or
 * value codec runs to prove itself ({@link dev.qube.tests.ArenaVerification},
 * {@link dev.qube.tests.CodecVerification}, {@link dev.qube.tests.InternerVerification},
 * {@link dev.qube.tests.DiscoveredProvidersVerification}), its generators
 * ({@link dev.qube.tests.QubeArbitraries}) and the small seeded property harness they are built on.
 */
module dev.qube.tests {
    requires transitive dev.qube.api;
    requires transitive org.junit.jupiter.api;

    exports dev.qube.tests;
    exports dev.qube.tests.property;

    // ServiceLoader-driven runs and rule R36 look providers up themselves
    uses dev.qube.spi.ArenaProvider;
    uses dev.qube.spi.InternerProvider;
    uses dev.qube.spi.ValueCodec;
}
