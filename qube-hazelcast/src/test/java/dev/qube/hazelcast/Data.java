package dev.qube.hazelcast;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data; tests that need it skip when it is absent. */
final class Data {

    private Data() {
    }

    static Path file(String name) {
        String dir = System.getProperty("qube.data");
        Path p = dir == null ? null : Path.of(dir, name);
        assumeTrue(p != null && Files.isReadable(p),
                "real data file " + name + " not found (set -Dqube.data to the shared data directory); skipped");
        return p;
    }
}
