package dev.qube.tests.mutants;

import dev.qube.tests.fixture.MapInternerProvider;

/** Broken on purpose: numbers with leading zeros share the id of the number ({@code 01} and {@code 1}). */
public final class MergingInterner extends MapInternerProvider {

    @Override
    public String name() {
        return "mutant-merging";
    }

    @Override
    protected String identity(String text) {
        return text.matches("0+[0-9]+") ? text.replaceFirst("^0+(?=.)", "") : text; // THE BUG
    }
}
