/**
 * The conformance suite: property tests against a plain-set model that any arena, interner or
 * value codec runs to prove itself, plus the small seeded property harness they are built on.
 */
module dev.qube.tests {
    requires transitive dev.qube.api;
    requires transitive org.junit.jupiter.api;

    exports dev.qube.tests;
    exports dev.qube.tests.property;
}
