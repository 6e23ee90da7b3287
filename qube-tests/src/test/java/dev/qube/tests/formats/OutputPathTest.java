package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QubeIO#write(Qube, QubeFormat, Path)} on the paths a user gives: modes, links, special files, long names. */
class OutputPathTest {

    @TempDir
    Path tmp;

    Qube q;

    @BeforeEach
    void qube() {
        var b = Qube.builder(ByteArrayArenaProvider.NAME);
        b.add(dev.qube.Identifier.of("class", "od", "param", "1"));
        q = b.build();
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    List<Path> temporaries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void aNewFileGetsTheModeOfTheUmaskAndAReplacedFileKeepsItsMode() throws IOException {
        assumeTrue(posix());
        Path probe = tmp.resolve("probe");
        Files.newOutputStream(probe).close(); // what the umask gives a new file
        Path out = tmp.resolve("new.txt");
        QubeIO.write(q, QubeFormat.ASCII, out);
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(out));
        assertTrue(Files.getPosixFilePermissions(out).contains(PosixFilePermission.OTHERS_READ)
                || !Files.getPosixFilePermissions(probe).contains(PosixFilePermission.OTHERS_READ), "not 0600");

        Path shared = Files.writeString(tmp.resolve("shared.html"), "old");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(shared, mode);
        QubeIO.write(q, QubeFormat.HTML, shared);
        assertEquals(mode, Files.getPosixFilePermissions(shared));
        assertTrue(Files.readString(shared).contains("od"));
        assertEquals(List.of(), temporaries());
    }

    @Test
    void aSymbolicLinkIsWrittenThrough() throws IOException {
        Path target = Files.writeString(tmp.resolve("target.txt"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.txt"), Path.of("target.txt"));
        QubeIO.write(q, QubeFormat.IDS, link);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("class=od,param=1\n", Files.readString(target));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.txt"), Path.of("made.txt"));
        QubeIO.write(q, QubeFormat.IDS, dangling);
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("class=od,param=1\n", Files.readString(tmp.resolve("made.txt")));
        assertEquals(List.of(), temporaries());
    }

    @Test
    void specialFilesAreStreamedToAndStayWhatTheyAre() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && Files.isWritable(devNull));
        QubeIO.write(q, QubeFormat.ASCII, devNull);
        assertTrue(!Files.isRegularFile(devNull), "/dev/null is still a device");

        Path fifo = tmp.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "needs mkfifo");
        Process cat = new ProcessBuilder("cat", fifo.toString()).start();
        QubeIO.write(q, QubeFormat.IDS, fifo);
        assertEquals("class=od,param=1\n", new String(cat.getInputStream().readAllBytes()));
        assertTrue(cat.waitFor(10, TimeUnit.SECONDS));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO is still a FIFO");

        assertThrows(IOException.class, () -> QubeIO.write(q, QubeFormat.IDS, tmp));
        assertEquals(List.of(), temporaries());
    }

    @Test
    void aLongOutputNameWorks() throws IOException {
        Path out = tmp.resolve("q".repeat(245) + ".txt".substring(0, 4));
        QubeIO.write(q, QubeFormat.ASCII, out);
        assertTrue(Files.readString(out).startsWith("root"));
        Path utf8 = tmp.resolve("\u00e9".repeat(125)); // 250 bytes of UTF-8
        QubeIO.write(q, QubeFormat.IDS, utf8);
        assertEquals("class=od,param=1\n", Files.readString(utf8));
        assertEquals(List.of(), temporaries());
    }
}
