/**
 * A small property-testing harness on JUnit 5: seeded generators ({@link dev.qube.tests.property.Gen}),
 * a configurable number of tries, greedy shrinking, and the seed of a failing case in the message
 * ({@link dev.qube.tests.property.Property}).
 */
package dev.qube.tests.property;
