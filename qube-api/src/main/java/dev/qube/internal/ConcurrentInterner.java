package dev.qube.internal;

import dev.qube.spi.Interner;
import dev.qube.spi.InternerProvider;
import dev.qube.spi.ProviderName;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The default interner: lock-free lookups, a lock only to add a new text. */
public final class ConcurrentInterner implements Interner {

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile AtomicReferenceArray<String> texts = new AtomicReferenceArray<>(64);
    private int size;

    @Override
    public int intern(String text) {
        Integer id = ids.get(text);
        if (id != null) {
            return id;
        }
        synchronized (this) {
            id = ids.get(text);
            if (id != null) {
                return id;
            }
            int next = size;
            AtomicReferenceArray<String> t = texts;
            if (next == t.length()) {
                AtomicReferenceArray<String> bigger = new AtomicReferenceArray<>(t.length() * 2);
                for (int i = 0; i < next; i++) {
                    bigger.set(i, t.get(i));
                }
                texts = t = bigger;
            }
            t.set(next, text);
            size = next + 1;
            ids.put(text, next); // published after the text is readable
            return next;
        }
    }

    @Override
    public String text(int id) {
        String s = id >= 0 && id < texts.length() ? texts.get(id) : null;
        if (s == null) {
            throw new IllegalArgumentException("unknown id " + id);
        }
        return s;
    }

    @Override
    public synchronized int size() {
        return size;
    }

    /** Registered under the name {@code concurrent}. */
    @ProviderName("concurrent")
    public static final class Provider implements InternerProvider {
        @Override
        public String name() {
            return "concurrent";
        }

        @Override
        public Interner create() {
            return new ConcurrentInterner();
        }
    }
}
