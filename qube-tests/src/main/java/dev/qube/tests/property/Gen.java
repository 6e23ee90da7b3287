package dev.qube.tests.property;

import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A generator of random values with a way to make a failing value smaller.
 *
 * @param <T> what it generates
 */
public interface Gen<T> {

    /** A random value; {@code size} grows with the try number and bounds how large it may be. */
    T next(SplittableRandom random, int size);

    /** Candidates smaller than {@code value}, most aggressive first; none by default. */
    default Stream<T> shrink(T value) {
        return Stream.empty();
    }

    /** How a value is shown in a failure message. */
    default String show(T value) {
        return String.valueOf(value);
    }
}
