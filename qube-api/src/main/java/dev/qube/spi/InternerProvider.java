package dev.qube.spi;

/**
 * Creates the process-wide key interner; found by {@link java.util.ServiceLoader}, picked with
 * {@code -Dqube.interner=NAME} (default {@code concurrent}).
 */
public interface InternerProvider {

    /** The name users pick this interner by. */
    String name();

    /** A new, empty interner. */
    Interner create();
}
