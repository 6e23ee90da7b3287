package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.qube.spi.ArenaProvider;
import dev.qube.spi.InternerProvider;
import dev.qube.spi.ValueCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole suite against every provider {@link java.util.ServiceLoader} finds: each arena runs
 * {@link ArenaVerification}, each value codec (the built-in {@code utf8} included)
 * {@link CodecVerification}, each interner provider {@link InternerVerification}; one dynamic test
 * per rule, grouped per provider. Extend it with an empty test class to check everything on your
 * class or module path. Fails when no arena is found, so that it never passes by testing nothing.
 *
 * <p>Providers whose names match the regular expression in the system property
 * {@code qube.conformance.exclude} are left out (and are not used as partners by rule R28); rules
 * named by {@value SkipRules#PROPERTY} are reported as skipped.
 */
public class DiscoveredProvidersVerification {

    /** Made by JUnit, or by an empty subclass. */
    public DiscoveredProvidersVerification() {
    }

    /** The suite for every arena provider found. */
    @TestFactory
    public Stream<DynamicNode> arenas() {
        List<ArenaProvider> found = Discovery.arenas();
        assertFalse(found.isEmpty(), "no ArenaProvider was found by ServiceLoader: put a backend on the class or module path");
        return found.stream().map(p -> suite("arena " + p.name(), ArenaVerification.class, () -> new ArenaVerification() {
            @Override
            protected ArenaProvider provider() {
                return p;
            }
        }));
    }

    /** The suite for every value codec found. */
    @TestFactory
    public Stream<DynamicNode> codecs() {
        List<ValueCodec> found = Discovery.codecs();
        assertFalse(found.isEmpty(), "no ValueCodec was found by ServiceLoader (qube-api registers utf8)");
        return found.stream().map(c -> suite("codec " + c.name(), CodecVerification.class, () -> new CodecVerification() {
            @Override
            protected ValueCodec codec() {
                return c;
            }
        }));
    }

    /** The suite for every interner provider found. */
    @TestFactory
    public Stream<DynamicNode> interners() {
        List<InternerProvider> found = Discovery.interners();
        assertFalse(found.isEmpty(), "no InternerProvider was found by ServiceLoader (qube-api registers concurrent)");
        return found.stream().map(p -> suite("interner " + p.name(), InternerVerification.class, () -> new InternerVerification() {
            @Override
            protected InternerProvider provider() {
                return p;
            }
        }));
    }

    /** One dynamic test per rule of {@code type}, each on a fresh instance (as JUnit does for test methods). */
    private static DynamicContainer suite(String name, Class<?> type, Supplier<Object> instances) {
        return DynamicContainer.dynamicContainer(name, Rules.of(type).stream()
                .map(m -> DynamicTest.dynamicTest(m.getName(), () -> run(instances, m))));
    }

    private static void run(Supplier<Object> instances, Method rule) throws Throwable {
        String skipped = SkipRules.reason(rule);
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        Object instance = instances.get();
        try {
            rule.invoke(instance);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
