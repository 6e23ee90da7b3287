package dev.qube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qube build}: local and on Hazelcast give the same qube; bad usage is exit 2. */
class BuildCommandTest {

    @TempDir
    Path tmp;

    @Test
    void hazelcastBuildOnTwoMembersEqualsTheLocalBuild() throws IOException {
        String fdb = QubeCliTest.data("fdb_list_porcelain.gz");
        String mars = QubeCliTest.data("mars_list.gz");
        Path local = tmp.resolve("local.qube");
        Path dist = tmp.resolve("dist.qube");
        QubeCliTest.Run l = QubeCliTest.run("build", fdb, mars, "-o", local.toString());
        assertEquals(0, l.code(), l.err());
        QubeCliTest.Run d = QubeCliTest.run("build", fdb, mars, "-o", dist.toString(), "--engine", "hazelcast",
                "--members", "2", "--piece-lines", "5000");
        assertEquals(0, d.code(), d.err());
        assertTrue(l.err().contains("fdb_list_porcelain.gz: skipped 34 lines that are not identifiers (the first at line 56951)"),
                l.err());
        assertEquals(l.errLines(), d.errLines(), "the hazelcast build warns about the skipped lines as the local one does");
        Qube a = QubeIO.read(local);
        Qube b = QubeIO.read(dist);
        assertEquals(Qube.union(List.of(QubeIO.read(Path.of(fdb)), QubeIO.read(Path.of(mars)))), a);
        assertEquals(a, b);
        assertEquals(a.toString(), b.toString());
        assertEquals(Files.mismatch(local, dist), -1L, "byte-identical binary files");
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void usageAndFailures() throws IOException {
        Path in = Files.writeString(tmp.resolve("a.ids"), "class=od,param=1\n");
        Path out = tmp.resolve("out.qube");
        assertEquals(2, QubeCliTest.run("build", in.toString()).code(), "-o is required");
        QubeCliTest.Run r = QubeCliTest.run("build", in.toString(), "-o", out.toString(), "--members", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--engine hazelcast"), r.err());
        r = QubeCliTest.run("build", in.toString(), "-o", out.toString(), "--engine", "hazelcast",
                "--members", "2", "--cluster", "localhost:5701");
        assertEquals(2, r.code());
        r = QubeCliTest.run("build", tmp.resolve("absent").toString(), "-o", out.toString(), "--engine", "hazelcast");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("qube: cannot read") && r.err().contains("no such file"), r.err());
        assertFalse(Files.exists(out));

        r = QubeCliTest.run("build", in.toString(), "-o", out.toString(), "--engine", "hazelcast", "--to", "ids");
        assertEquals(0, r.code(), r.err());
        assertEquals("class=od,param=1\n", Files.readString(out));
    }
}
