package dev.qube.bench;

import dev.qube.Qube;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real catalogues: {@code -Dqube.data=DIR}, else {@code ../shared/data} from the working directory. */
final class Data {
    private Data() {
    }

    static Path dir() {
        String p = System.getProperty("qube.data");
        Path d = p != null ? Path.of(p) : Path.of("..", "shared", "data");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("real data not found at " + d.toAbsolutePath()
                    + "; run from the repository root with ../shared/data beside it, or pass -Dqube.data=DIR");
        }
        return d;
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Qube load(String name, String arena) {
        try {
            return QubeIO.read(file(name), null, ReadOptions.defaults().withArena(arena).withWarnings(w -> { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
