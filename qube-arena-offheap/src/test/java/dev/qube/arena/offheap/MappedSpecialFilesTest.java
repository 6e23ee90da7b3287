package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappedQubes#open} on paths that are not regular files. */
class MappedSpecialFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aFifoIsRefusedAtOnceNotWaitedOn() throws Exception {
        Path fifo = tmp.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "needs mkfifo");
        // before: open blocked forever, waiting for a writer
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IOException.class, () -> MappedQubes.open(fifo)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        IOException dir = assertThrows(IOException.class, () -> MappedQubes.open(tmp));
        assertTrue(dir.getMessage().contains("not a regular file"), dir.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> MappedQubes.open(tmp.resolve("none")));
    }
}
