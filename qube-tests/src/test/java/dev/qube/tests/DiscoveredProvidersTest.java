package dev.qube.tests;

/**
 * The suite on everything ServiceLoader finds here: the {@code test-bytes} arena, the built-in
 * {@code utf8} codec and {@code concurrent} interner of qube-api (which cannot depend on this
 * module itself). The deliberately broken backends are excluded by the surefire configuration.
 */
class DiscoveredProvidersTest extends DiscoveredProvidersVerification {
}
