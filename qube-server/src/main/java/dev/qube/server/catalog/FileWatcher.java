package dev.qube.server.catalog;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reloads a catalogue when its file is replaced or rewritten ({@code --watch}): watches the files'
 * directories, waits until a changed file has been quiet for a moment, then calls
 * {@link Catalogues#reload}. A file that fails to read is reported and the old version kept.
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileWatcher.class.getName());
    private static final long QUIET_MILLIS = 300;

    private final Catalogues catalogues;
    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Thread thread;
    private final Consumer<String> reloaded;

    /**
     * Starts watching every file of {@code catalogues}.
     *
     * @param reloaded told the name of each catalogue after a successful reload
     */
    public FileWatcher(Catalogues catalogues, Consumer<String> reloaded) throws IOException {
        this.catalogues = catalogues;
        this.reloaded = reloaded;
        this.service = FileSystems.getDefault().newWatchService();
        Set<Path> seen = new HashSet<>();
        for (Path f : catalogues.files()) {
            Path dir = f.toAbsolutePath().normalize().getParent();
            if (seen.add(dir)) {
                dirs.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
            }
        }
        this.thread = Thread.ofPlatform().daemon().name("qube-watch").start(this::run);
    }

    private void run() {
        Set<String> pending = new HashSet<>();
        try {
            while (true) {
                WatchKey key = pending.isEmpty() ? service.take() : service.poll(QUIET_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key == null) {
                    // quiet for a while: reload what changed
                    for (String name : pending) {
                        reload(name);
                    }
                    pending.clear();
                    continue;
                }
                Path dir = dirs.get(key);
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.context() instanceof Path p && dir != null) {
                        catalogues.nameOfFile(dir.resolve(p)).ifPresent(pending::add);
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void reload(String name) {
        try {
            catalogues.reload(name);
            LOG.info(() -> "reloaded catalogue " + name);
            reloaded.accept(name);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not reload catalogue " + name + " (the previous version stays): " + e.getMessage());
        }
    }

    /** Stops watching. */
    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
