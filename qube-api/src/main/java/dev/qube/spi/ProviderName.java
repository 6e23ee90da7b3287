package dev.qube.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the name of a provider class so that it can be selected without being instantiated.
 * Must equal what the provider's {@code name()} returns.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProviderName {
    /** The provider's name, as its {@code name()} returns it. */
    String value();
}
