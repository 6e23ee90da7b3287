package dev.qube.arena.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeBuilder;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A binary qube file changed while {@link MappedQubes} has it mapped: an error, never a wrong answer. */
class MappedFileChangedTest {

    @TempDir
    Path tmp;

    Path image(String name, int n) throws IOException {
        QubeBuilder b = Qube.builder("offheap");
        for (int i = 0; i < n; i++) {
            b.add(Identifier.of("class", "od", "param", String.valueOf(i)));
        }
        try (Qube q = b.build()) {
            Path p = tmp.resolve(name);
            QubeIO.write(q, QubeFormat.BINARY, p);
            return p;
        }
    }

    static void pause() throws InterruptedException {
        Thread.sleep(30); // the file is looked at every 10 ms at most
    }

    @Test
    void writingInPlaceIsNoticed() throws Exception {
        Path p = image("a.qube", 100);
        byte[] other = Files.readAllBytes(image("b.qube", 100).resolveSibling("b.qube"));
        try (Qube q = MappedQubes.open(p)) {
            assertEquals(100, q.countExact().intValue());
            pause();
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.seek(0);
                f.write(other); // same size, same content here: still a write in place
            }
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            pause();
            IllegalStateException e = assertThrows(IllegalStateException.class, q::countExact);
            assertTrue(e.getMessage().contains("changed while mapped"), e.getMessage());
            assertFalse(q.isClosed());
        }
    }

    @Test
    void truncationIsNoticedBeforeAPageIsTouched() throws Exception {
        Path p = image("c.qube", 1000);
        try (Qube q = MappedQubes.open(p)) {
            assertEquals(1000, q.countExact().intValue());
            pause();
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(64);
            }
            pause();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> q.contains(Identifier.of("class", "od", "param", "7")));
            assertTrue(e.getMessage().contains("its size was"), e.getMessage());
        }
    }

    @Test
    void replacingTheFileAtomicallyIsSafe() throws Exception {
        Path p = image("d.qube", 10);
        try (Qube q = MappedQubes.open(p)) {
            pause();
            Path other = image("e.qube", 20);
            Files.move(other, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            pause();
            assertEquals(10, q.countExact().intValue(), "the mapping still shows the file that was opened");
        }
    }
}
