package dev.qube.internal;

import dev.qube.Datacube;
import dev.qube.Identifier;
import dev.qube.ValueOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy iteration of identifiers (canonical order) and datacubes (tree order), without recursion. */
public final class Traversal {
    private Traversal() {
    }

    /** One (key, value, node) step below a node; a node's steps sorted by key then value. */
    private record Step(String key, String value, int node, boolean terminal, boolean hasChildren) {
        Step(String key, String value, int node) {
            this(key, value, node, false, false);
        }
    }

    /**
     * Calls {@code sink} once per identifier, in canonical order, with reused arrays holding the
     * current path; steps below each distinct node are sorted once and cached.
     */
    public static void forEach(Store s, int root, PathSink sink) {
        Map<Integer, Step[]> cache = new HashMap<>();
        String[] keys = new String[16];
        String[] values = new String[16];
        int[] next = new int[16];
        Step[][] frames = new Step[16][];
        int depth = 0;
        frames[0] = steps(s, root, cache);
        next[0] = 0;
        while (depth >= 0) {
            Step[] st = frames[depth];
            int i = next[depth];
            if (i == st.length) {
                depth--;
                continue;
            }
            next[depth] = i + 1;
            Step step = st[i];
            if (depth + 1 == frames.length) { // room for this pair and for the frame below it
                int n = frames.length * 2;
                keys = java.util.Arrays.copyOf(keys, n);
                values = java.util.Arrays.copyOf(values, n);
                next = java.util.Arrays.copyOf(next, n);
                frames = java.util.Arrays.copyOf(frames, n);
            }
            keys[depth] = step.key;
            values[depth] = step.value;
            if (step.terminal) {
                sink.accept(keys, values, depth + 1);
            }
            if (step.hasChildren) {
                depth++;
                frames[depth] = steps(s, step.node, cache);
                next[depth] = 0;
            }
        }
    }

    /** Receives one identifier as parallel arrays of keys and values, valid for {@code size} entries. */
    public interface PathSink {
        void accept(String[] keys, String[] values, int size);
    }

    private static Step[] steps(Store s, int n, Map<Integer, Step[]> cache) {
        Step[] done = cache.get(n);
        if (done != null) {
            return done;
        }
        s.checkOpen();
        List<Step> out = new ArrayList<>();
        int k = s.childCount(n);
        for (int i = 0; i < k; i++) {
            int c = s.child(n, i);
            String key = s.keyTextOf(c);
            boolean terminal = s.terminal(c);
            boolean hasChildren = s.childCount(c) > 0;
            for (String v : s.values(s.valueSet(c))) {
                out.add(new Step(key, v, c, terminal, hasChildren));
            }
        }
        if (k > 1) {
            out.sort((a, b) -> {
                int c = ValueOrder.compareCodePoints(a.key, b.key);
                return c != 0 ? c : ValueOrder.INSTANCE.compare(a.value, b.value);
            });
        }
        Step[] arr = out.toArray(Step[]::new);
        cache.put(n, arr);
        return arr;
    }

    /** Makes one result from the current path (the arrays are reused: copy what is kept). */
    public interface PathFactory<T> {
        T make(String[] keys, String[] values, int size);
    }

    /**
     * Every identifier lazily, in canonical order, each made by {@code factory} from the current
     * path: the same walk as {@link #forEach} (steps below each distinct node sorted once), one
     * object per identifier and nothing else.
     */
    public static <T> Stream<T> identifiers(Store s, int root, PathFactory<T> factory) {
        Iterator<T> it = new Iterator<>() {
            private final Map<Integer, Step[]> cache = new HashMap<>();
            private String[] keys = new String[16];
            private String[] values = new String[16];
            private int[] next = new int[16];
            private Step[][] frames = new Step[16][];
            private int depth;
            private T ready;

            {
                frames[0] = steps(s, root, cache);
            }

            private void advance() {
                s.checkOpen();
                while (ready == null && depth >= 0) {
                    Step[] st = frames[depth];
                    int i = next[depth];
                    if (i == st.length) {
                        depth--;
                        continue;
                    }
                    next[depth] = i + 1;
                    Step step = st[i];
                    if (depth + 1 == frames.length) {
                        int n = frames.length * 2;
                        keys = java.util.Arrays.copyOf(keys, n);
                        values = java.util.Arrays.copyOf(values, n);
                        next = java.util.Arrays.copyOf(next, n);
                        frames = java.util.Arrays.copyOf(frames, n);
                    }
                    keys[depth] = step.key;
                    values[depth] = step.value;
                    if (step.terminal) {
                        ready = factory.make(keys, values, depth + 1);
                    }
                    if (step.hasChildren) {
                        depth++;
                        frames[depth] = steps(s, step.node, cache);
                        next[depth] = 0;
                    }
                }
            }

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    advance();
                }
                return ready != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T r = ready;
                ready = null;
                return r;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.SORTED), false);
    }

    public static Stream<Datacube> datacubes(Store s, int root) {
        Iterator<Datacube> it = new Iterator<>() {
            private final ArrayDeque<int[]> stack = new ArrayDeque<>(); // {node, next child}
            private final List<Integer> path = new ArrayList<>();
            private Datacube next;

            {
                stack.push(new int[] {root, 0});
            }

            private void advance() {
                s.checkOpen();
                while (next == null && !stack.isEmpty()) {
                    int[] top = stack.peek();
                    if (top[1] == s.childCount(top[0])) {
                        stack.pop();
                        if (!path.isEmpty()) {
                            path.removeLast();
                        }
                        continue;
                    }
                    int c = s.child(top[0], top[1]++);
                    path.add(c);
                    stack.push(new int[] {c, 0});
                    if (s.terminal(c)) {
                        LinkedHashMap<String, List<String>> axes = new LinkedHashMap<>();
                        for (int n : path) {
                            axes.put(s.keyTextOf(n), s.values(s.valueSet(n)));
                        }
                        next = Datacube.of(axes);
                    }
                }
            }

            @Override
            public boolean hasNext() {
                advance();
                return next != null;
            }

            @Override
            public Datacube next() {
                advance();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Datacube r = next;
                next = null;
                return r;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
