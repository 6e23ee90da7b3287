package dev.qube;

import java.util.Objects;

/**
 * A key of a {@link Selection} that selects no value of a qube, with the reason and a sentence
 * for the user; see {@link Qube#unmatchedKeys(Selection)}. In {@link SelectMode#RELAXED} mode
 * such a key keeps every identifier that lacks it and drops every one that has it, which is rarely
 * what was meant: a misspelled key ({@code parm=167}) selects the whole qube.
 *
 * @param key the selected key
 * @param reason why nothing matched
 * @param message one sentence naming the key, what was selected and what the qube holds
 */
public record UnmatchedKey(String key, Reason reason, String message) {

    /** Checks that no component is null. */
    public UnmatchedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Why a selected key selects nothing. */
    public enum Reason {
        /** The key occurs nowhere in the qube (often a misspelling). */
        ABSENT,
        /**
         * The key is selected by a range or a typed condition, and none of its values reads as that
         * kind (an integer range {@code time=0/to/600} against times {@code 0000, 0600}).
         */
        WRONG_KIND,
        /** The key occurs and its values are of the selected kind, but none of them is selected. */
        NO_VALUE
    }
}
