package dev.qube.server.catalog;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.arena.offheap.MappedQubes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The catalogues a server serves, by name. Each is replaced atomically for readers (reload of a
 * replaced file, union by POST): a request sees one version from start to end, and an old version
 * is closed only after its last reader is done. Binary files are opened in place with
 * {@link MappedQubes}; other formats are read once into the heap backend.
 */
public final class Catalogues implements AutoCloseable {
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final QubeFormat from;
    private final ReadOptions options;

    private Catalogues(QubeFormat from, ReadOptions options) {
        this.from = from;
        this.options = options;
    }

    /** One catalogue: its file and its current version. */
    private static final class Entry {
        final String name;
        final Path file;
        final AtomicReference<Snapshot> current = new AtomicReference<>();
        final Object writeLock = new Object();

        Entry(String name, Path file) {
            this.name = name;
            this.file = file;
        }
    }

    /** Loads every file, each in the format detected from its content, with the default read options. */
    public static Catalogues load(List<Path> files) throws IOException {
        return load(files, null, ReadOptions.defaults());
    }

    /**
     * Loads every file; names are file names without extensions, made unique with a number.
     *
     * @param from the files' format, or null to detect each one's
     * @param options backend (binary files are mapped whatever it says), strictness, warnings
     */
    public static Catalogues load(List<Path> files, QubeFormat from, ReadOptions options) throws IOException {
        Catalogues c = new Catalogues(from, options);
        try {
            for (Path f : files) {
                String base = nameOf(f);
                String name = base;
                for (int i = 2; c.byName.containsKey(name); i++) {
                    name = base + "-" + i;
                }
                Entry e = new Entry(name, f);
                e.current.set(c.read(name, f, 1));
                c.byName.put(name, e);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    static String nameOf(Path f) {
        String n = f.getFileName().toString();
        int dot = n.indexOf('.');
        String s = dot > 0 ? n.substring(0, dot) : n;
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private Snapshot read(String name, Path file, long generation) throws IOException {
        QubeFormat format = from != null ? from : QubeIO.detect(file);
        Qube q;
        if (format == QubeFormat.BINARY) {
            q = MappedQubes.open(file);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                q = QubeIO.read(in, file.toString(), format, options);
            }
        }
        try {
            return new Snapshot(name, file.toString(), format, q, generation);
        } catch (RuntimeException e) {
            q.close();
            throw e;
        }
    }

    /** The names, in the order the files were given. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The files, in the order given. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        byName.values().forEach(e -> out.add(e.file));
        return out;
    }

    /**
     * The current version of {@code name}, with a reference taken: close it when done. Empty for an
     * unknown name.
     */
    public Optional<Snapshot> acquire(String name) {
        Entry e = byName.get(name);
        if (e == null) {
            return Optional.empty();
        }
        while (true) {
            Snapshot s = e.current.get();
            if (s == null) {
                return Optional.empty(); // closed
            }
            if (s.acquire()) {
                return Optional.of(s);
            }
            // replaced and retired between get and acquire: the new one is there now
        }
    }

    /** The name of the catalogue whose file is {@code file}, if any. */
    public Optional<String> nameOfFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Entry e : byName.values()) {
            if (e.file.toAbsolutePath().normalize().equals(abs)) {
                return Optional.of(e.name);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the catalogue's file again and swaps it in; on failure the old version stays and the
     * error is thrown.
     */
    public Snapshot reload(String name) throws IOException {
        Entry e = entry(name);
        synchronized (e.writeLock) {
            Snapshot old = e.current.get();
            Snapshot fresh = read(name, e.file, old.generation() + 1);
            swap(e, fresh);
            return fresh;
        }
    }

    /**
     * Replaces the catalogue by {@code update(current)} (for a union): the function gets a qube
     * that stays open while it runs and returns a new qube; the old version is retired.
     */
    public Snapshot update(String name, UnaryOperator<Qube> update) {
        Entry e = entry(name);
        synchronized (e.writeLock) {
            Snapshot old = e.current.get();
            Qube next = update.apply(old.qube());
            Snapshot fresh;
            try {
                fresh = new Snapshot(name, old.source(), old.format(), next, old.generation() + 1);
            } catch (RuntimeException ex) {
                next.close();
                throw ex;
            }
            swap(e, fresh);
            return fresh;
        }
    }

    private static void swap(Entry e, Snapshot fresh) {
        Snapshot old = e.current.getAndSet(fresh);
        old.close(); // the catalogue's reference; readers still holding one keep it open
    }

    private Entry entry(String name) {
        Entry e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no catalogue named " + name);
        }
        return e;
    }

    /** Releases every catalogue (each closes when its last reader is done). */
    @Override
    public void close() {
        for (Entry e : byName.values()) {
            Snapshot s = e.current.getAndSet(null);
            if (s != null) {
                s.close();
            }
        }
    }
}
