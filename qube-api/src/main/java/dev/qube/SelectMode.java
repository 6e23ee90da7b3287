package dev.qube;

/**
 * How a {@link Selection} filters identifiers. Each mode is a definition on single identifiers:
 * the result of {@code select} is exactly the identifiers of the qube that satisfy it.
 */
public enum SelectMode {
    /** Every selected key that the identifier has takes a selected value; identifiers without the key are kept. */
    RELAXED,
    /** The identifier has every selected key, each with a selected value. */
    PRUNE,
    /** Every key of the identifier is selected and takes a selected value (selected keys it lacks do not matter). */
    STRICT
}
