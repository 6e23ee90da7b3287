package dev.qube.tests.mutants;

import dev.qube.spi.Interner;
import dev.qube.spi.InternerProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Broken on purpose: keys its table by {@link String#hashCode()}, so {@code "Aa"} and {@code "BB"} share an id. */
public final class HashKeyedInterner implements InternerProvider {

    @Override
    public String name() {
        return "mutant-hash-keyed";
    }

    @Override
    public Interner create() {
        return new Interner() {
            private final Map<Integer, Integer> ids = new HashMap<>(); // THE BUG: hash -> id
            private final List<String> texts = new ArrayList<>();

            @Override
            public synchronized int intern(String text) {
                return ids.computeIfAbsent(text.hashCode(), h -> {
                    texts.add(text);
                    return texts.size() - 1;
                });
            }

            @Override
            public synchronized String text(int id) {
                return texts.get(id);
            }

            @Override
            public synchronized int size() {
                return texts.size();
            }
        };
    }
}
