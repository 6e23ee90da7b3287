package dev.qube.tests.mutants;

import dev.qube.spi.Interner;
import dev.qube.spi.InternerProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Broken on purpose: a plain map and list with no synchronisation; right on one thread. */
public final class UnsynchronisedInterner implements InternerProvider {

    @Override
    public String name() {
        return "mutant-unsynchronised";
    }

    @Override
    public Interner create() {
        return new Interner() {
            private final Map<String, Integer> ids = new HashMap<>();
            private final List<String> texts = new ArrayList<>();

            @Override
            public int intern(String text) { // THE BUG: not synchronized
                Integer id = ids.get(text);
                if (id == null) {
                    texts.add(text);
                    id = texts.size() - 1;
                    ids.put(text, id);
                }
                return id;
            }

            @Override
            public String text(int id) {
                return texts.get(id);
            }

            @Override
            public int size() {
                return texts.size();
            }
        };
    }
}
