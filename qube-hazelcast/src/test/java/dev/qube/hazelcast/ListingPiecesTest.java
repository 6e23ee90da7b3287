package dev.qube.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.hazelcast.internal.ListingPieces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cutting listings into pieces (no cluster): the union of every share's pieces is the whole file's qube. */
class ListingPiecesTest {

    @TempDir
    Path tmp;

    static Qube pieces(List<Path> files, int lines, int shares) throws IOException {
        List<Qube> parts = new ArrayList<>();
        List<String> names = files.stream().map(Path::toString).toList();
        for (int s = 0; s < shares; s++) {
            try (ListingPieces p = new ListingPieces(names, null, lines, s, shares, false)) {
                for (Qube q = p.next(); q != null; q = p.next()) {
                    parts.add(q);
                }
            }
        }
        return parts.isEmpty() ? Qube.empty() : Qube.union(parts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fdb_list_porcelain.gz", "mars_list.gz", "fdb_list_compact.gz", "oper_fdb.arena.json"})
    void everyCutOfARealFileReadsToTheSameQube(String name) throws IOException {
        Path f = Data.file(name);
        Qube whole = QubeIO.read(f);
        int[] cuts = name.startsWith("fdb_list_porcelain") ? new int[] {997, 20_000} : new int[] {1, 50, 20_000};
        for (int lines : cuts) {
            for (int shares : new int[] {1, 3}) {
                Qube u = pieces(List.of(f), lines, shares);
                assertEquals(whole, u, name + " in pieces of " + lines + " lines, " + shares + " shares");
                assertEquals(whole.toString(), u.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fdb_list_porcelain.gz", "mars_list.gz", "fdb_list_compact.gz"})
    void everySplitByBytesOfAnUncompressedFileReadsToTheSameQube(String name) throws IOException {
        Path gz = Data.file(name);
        Path plain = tmp.resolve(name.replace(".gz", ".txt"));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, plain);
        }
        Qube whole = QubeIO.read(plain);
        assertEquals(QubeIO.read(gz), whole);
        for (int shares : new int[] {2, 3, 7, 64}) {
            for (int lines : name.startsWith("fdb_list_porcelain") ? new int[] {997} : new int[] {5, 20_000}) {
                Qube u = pieces(List.of(plain), lines, shares);
                assertEquals(whole.toString(), u.toString(), name + " split in " + shares + ", pieces of " + lines);
            }
        }
    }

    @Test
    void manyGzipFilesAreDealtOutWholeAndTheUnionIsTheSame() throws IOException {
        Path a = Data.file("fdb_list_porcelain.gz");
        Path b = Data.file("mars_list.gz");
        Path c = Data.file("fdb_list_compact.gz");
        Path d = Data.file("oper_fdb.arena.json");
        Path e = tmp.resolve("tree.json.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(e))) {
            QubeIO.write(QubeIO.read(c), QubeFormat.TREE_JSON, out);
        }
        List<Path> all = List.of(a, b, c, d, e);
        Qube expected = Qube.union(List.of(QubeIO.read(a), QubeIO.read(b), QubeIO.read(c), QubeIO.read(d)));
        for (int shares : new int[] {1, 2, 3, 4, 5, 6}) {
            assertEquals(expected.toString(), pieces(all, 5_000, shares).toString(), shares + " shares");
        }
    }

    @Test
    void theSharesBytesReadAddUpToTheFileSizeNeverMore() throws IOException {
        // a share reads past the end of its part to finish its last line; those bytes belong to the
        // next share, so progress summed over the shares never passes the file's size (it did by a line)
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            b.append("class=od,expver=0001,param=").append(i).append(",step=").append(i % 97).append('\n');
        }
        Path f = Files.writeString(tmp.resolve("many.ids"), b);
        for (int shares : new int[] {2, 3, 7}) {
            long sum = 0;
            for (int s = 0; s < shares; s++) {
                try (ListingPieces p = new ListingPieces(List.of(f.toString()), null, 300, s, shares, false)) {
                    while (p.next() != null) {
                        assertTrue(p.bytesRead() <= Files.size(f), () -> "share bytes " + p.bytesRead());
                    }
                    sum += p.bytesRead();
                }
            }
            assertEquals(Files.size(f), sum, shares + " shares");
        }
    }

    @Test
    void aSplitFileOfOneLineOrNoneReadsWhole() throws IOException {
        Path one = Files.writeString(tmp.resolve("one.ids"), "class=od,param=1");
        assertEquals(QubeIO.read(one), pieces(List.of(one), 1, 5));
        Path crlf = Files.writeString(tmp.resolve("crlf.ids"), "class=od,param=1\r\nclass=od,param=2\r\n");
        assertEquals(QubeIO.read(crlf), pieces(List.of(crlf), 1, 3));
    }

    @Test
    void cutPointsFollowTheFormat() {
        assertTrue(QubeFormat.MARS.lineBased());
        assertTrue(QubeFormat.MARS.canCutBefore("class=od,expver=1"));
        assertFalse(QubeFormat.MARS.canCutBefore(" param=1/2"));
        assertTrue(QubeFormat.FDB_COMPACT.canCutBefore("retrieve,class=od,param=1"));
        assertTrue(QubeFormat.FDB_COMPACT.canCutBefore("Listing for request"));
        assertFalse(QubeFormat.FDB_COMPACT.canCutBefore("retrieve,"));
        assertFalse(QubeFormat.FDB_COMPACT.canCutBefore("\tclass=od,"));
        assertTrue(QubeFormat.IDS.canCutBefore("a=1"));
        assertFalse(QubeFormat.TREE_JSON.lineBased());
        assertFalse(QubeFormat.TREE_JSON.canCutBefore("{"));
    }

    @Test
    void severalFilesAndAnErrorNamesTheLineInTheWholeFile() throws IOException {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            a.append("class=od,param=").append(i).append('\n');
        }
        Path fa = Files.writeString(tmp.resolve("a.ids"), a);
        Path fb = Files.writeString(tmp.resolve("b.ids"), "class=rd,param=1\n");
        Qube expected = QubeIO.read(fa).union(QubeIO.read(fb));
        assertEquals(expected, pieces(List.of(fa, fb), 7, 2));

        Path bad = Files.writeString(tmp.resolve("bad.ids"), a + "class=od,=x\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.qube.QubeFormatException.class,
                () -> pieces(List.of(bad), 7, 1));
        assertEquals(101, e.line(), e.getMessage());

        // split in three by bytes: the line is still the line in the whole file
        var split = org.junit.jupiter.api.Assertions.assertThrows(dev.qube.QubeFormatException.class,
                () -> pieces(List.of(bad), 7, 3));
        assertEquals(101, split.line(), split.getMessage());
        assertEquals(bad.toString(), split.source());
    }
}
