package dev.qube.cli;

import static dev.qube.cli.QubeCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata on the command line: build --set, union, ids --metadata, show/stats, select --metadata, --drop-metadata. */
class MetadataCliTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** The example of the issue: two sites built with --set, unioned, answer "where is each field". */
    @Test
    void whereIsEachField() throws IOException {
        Path lumiIn = write("lumi.ids", "class=od,param=1\nclass=od,param=2\n");
        Path mn5In = write("mn5.ids", "class=od,param=2\nclass=rd,param=3\n");
        Path lumi = tmp.resolve("lumi.qube");
        Path mn5 = tmp.resolve("mn5.qube");
        assertEquals(0, run("build", lumiIn.toString(), "--set", "location=lumi", "-o", lumi.toString()).code());
        assertEquals(0, run("build", mn5In.toString(), "--set", "location=mn5", "-o", mn5.toString()).code());
        QubeCliTest.Run union = run("union", lumi.toString(), mn5.toString());
        assertEquals(0, union.code(), union.err());
        // with metadata, the default output is ids (ascii cannot hold it)
        assertEquals("""
                class=od,param=1\tlocation=lumi
                class=od,param=2\tlocation=lumi/mn5
                class=rd,param=3\tlocation=mn5
                """, union.out());
        Path both = tmp.resolve("both.qube");
        assertEquals(0, run("union", lumi.toString(), mn5.toString(), "--to", "binary", "-o", both.toString()).code());
        assertEquals(union.out(), run("ids", "--metadata", both.toString()).out());
        assertEquals("class=od,param=1\nclass=od,param=2\nclass=rd,param=3\n", run("ids", both.toString()).out());
        // the ids form reads back with its metadata
        Path text = write("both.ids", union.out());
        QubeCliTest.Run back = run("ids", "--metadata", text.toString());
        assertEquals(union.out(), back.out(), back.err());

        QubeCliTest.Run sel = run("select", both.toString(), "--metadata", "location=mn5");
        assertEquals("class=od,param=2\tlocation=lumi/mn5\nclass=rd,param=3\tlocation=mn5\n", sel.out());
        assertEquals("class=od,param=2\tlocation=lumi/mn5\n", run("select", both.toString(), "param=2", "--metadata", "location=lumi").out());

        QubeCliTest.Run stats = run("stats", both.toString());
        assertTrue(stats.out().contains("metadata keys: location\n"), stats.out());
        assertTrue(stats.out().contains("metadata location: 2 values (lumi 2, mn5 2)\n"), stats.out());
        assertTrue(stats.out().contains("metadata bytes: "), stats.out());
        QubeCliTest.Run show = run("show", "--metadata", both.toString());
        assertTrue(show.out().endsWith("metadata location: lumi (2) mn5 (2)\n"), show.out());
    }

    /** Writing metadata in a format that cannot hold it fails and writes nothing; --drop-metadata accepts the loss. */
    @Test
    void metadataIsNeverDroppedSilently() throws IOException {
        Path in = write("a.ids", "class=od,param=1\tlocation=lumi\n");
        Path out = tmp.resolve("a.json");
        QubeCliTest.Run refused = run("convert", in.toString(), "--to", "nested-json", "-o", out.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("the nested-json format cannot hold metadata (this qube has location): write --to binary, ids,"
                + " tree-json or arena-json, or add --drop-metadata"), refused.err());
        assertFalse(Files.exists(out), "nothing written");
        // qubed's JSON shapes hold it: written, and read back with it
        for (String f : new String[] {"tree-json", "arena-json"}) {
            Path json = tmp.resolve("a." + f);
            QubeCliTest.Run kept = run("convert", in.toString(), "--to", f, "-o", json.toString());
            assertEquals(0, kept.code(), kept.err());
            assertTrue(Files.readString(json).contains("\"metadata\":{\"location\":{\"strings\":[\"lumi\"]}}"), f);
            assertEquals("class=od,param=1\tlocation=lumi\n", run("ids", "--metadata", json.toString()).out(), f);
        }
        assertEquals(1, run("convert", in.toString(), "--to", "ascii").code());
        QubeCliTest.Run dropped = run("convert", in.toString(), "--to", "ascii", "--drop-metadata");
        assertEquals(0, dropped.code(), dropped.err());
        assertEquals("root, class=od, param=1\n", dropped.out());
    }

    /** A malformed metadata tail names the line and column. */
    @Test
    void badMetadataTailNamesTheLine() throws IOException {
        Path in = write("bad.ids", "class=od\nclass=rd\tlocation\n");
        QubeCliTest.Run r = run("ids", "--metadata", in.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(":2:"), r.err());
    }
}
