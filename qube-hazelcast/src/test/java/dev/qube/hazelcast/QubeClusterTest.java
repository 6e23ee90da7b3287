package dev.qube.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds and serving on two embedded members (so every qube crossing between them goes through
 * the binary serializer): each answer equals the local one exactly.
 */
class QubeClusterTest {

    static QubeCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        cluster = QubeCluster.embedded(2).pieceLines(2_000);
        assertEquals(2, cluster.members());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static void assertSame(Qube expected, Qube actual) {
        assertEquals(expected.countExact(), actual.countExact());
        assertEquals(expected, actual);
        assertEquals(expected.toString(), actual.toString(), "the same canonical tree");
        assertEquals(expected.hashCode(), actual.hashCode());
    }

    @Test
    void buildOfTheFdbListingEqualsTheLocalBuild() throws IOException {
        Path f = Data.file("fdb_list_porcelain.gz");
        Qube local = QubeIO.read(f);
        assertEquals(56_950, local.count());
        assertSame(local, cluster.build(List.of(f)));
    }

    @Test
    void buildOfAnUncompressedListingSplitByBytesEqualsTheLocalBuild() throws IOException {
        Path plain = tmp.resolve("porcelain.txt");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Data.file("fdb_list_porcelain.gz")))) {
            Files.copy(in, plain);
        }
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Qube q = cluster.readersPerMember(2).build(List.of(plain), null, false, seen::set, warnings::add);
        cluster.readersPerMember(1);
        List<String> local = new java.util.ArrayList<>();
        assertSame(QubeIO.read(plain, null, dev.qube.ReadOptions.defaults().withWarnings(local::add)), q);
        assertTrue(seen.get() <= Files.size(plain), "progress within the input: " + seen.get());
        assertEquals(List.of(plain + ": skipped 34 lines that are not identifiers (the first at line 56951)"), local);
        assertEquals(local, warnings, "the pieces' skipped lines counted together, at their lines in the whole file");
    }

    @Test
    void skippedLinesSpreadOverPiecesAndSharesGiveTheLocalWarning() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            if (i % 700 == 5) {
                b.append("PRE-MAIN-INFO diagnostic ").append(i).append('\n');
            }
            b.append("{class=od}{param=").append(i).append("}\n");
        }
        Path f = Files.writeString(tmp.resolve("diag.fdb"), b);
        List<String> local = new java.util.ArrayList<>();
        Qube expected = QubeIO.read(f, null, dev.qube.ReadOptions.defaults().withWarnings(local::add));
        assertEquals(List.of(f + ": skipped 5 lines that are not identifiers (the first at line 6)"), local);
        for (int readers : new int[] {1, 2}) {
            List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
            Qube q = cluster.readersPerMember(readers).pieceLines(100).build(List.of(f), null, false, n -> { }, warnings::add);
            assertSame(expected, q);
            assertEquals(local, warnings, readers + " readers a member");
        }
        cluster.readersPerMember(1).pieceLines(2_000);
    }

    @Test
    void buildOfTheMarsListingEqualsTheLocalBuild() throws IOException {
        Path f = Data.file("mars_list.gz");
        assertSame(QubeIO.read(f), cluster.pieceLines(50).build(List.of(f)));
        cluster.pieceLines(2_000);
    }

    @Test
    void buildOfSeveralFilesInSeveralFormatsIsTheirUnion() throws IOException {
        Path a = Data.file("fdb_list_compact.gz");
        Path b = Data.file("oper_fdb.arena.json");
        Path c = Files.writeString(tmp.resolve("c.ids"), "class=od,param=1\nclass=od,param=2\n");
        Qube local = Qube.union(List.of(QubeIO.read(a), QubeIO.read(b), QubeIO.read(c)));
        assertSame(local, cluster.build(List.of(a, b, c)));
    }

    @Test
    void aClientConnectedByAddressBuildsAndServesLikeAMember() throws IOException {
        Path f = Data.file("mars_list.gz");
        var member = cluster.instance().getCluster().getLocalMember().getAddress();
        String address = cluster.instance().getConfig().getClusterName() + "@" + member.getHost() + ":" + member.getPort();
        try (QubeCluster client = QubeCluster.connect(address)) {
            assertEquals(2, client.members());
            Qube q = client.pieceLines(100).build(List.of(f));
            assertSame(QubeIO.read(f), q);
            client.store("mars", q);
            assertEquals(q.countExact(), cluster.count("mars"), "stored through the client, served by the members");
            assertEquals(q.countExact(), client.count("mars"));
        }
        assertEquals(2, cluster.members(), "closing a client leaves the cluster up");
        QubeBuildException nobody = assertThrows(QubeBuildException.class, () -> QubeCluster.connect("nobody@127.0.0.1:1"));
        assertTrue(nobody.getMessage().startsWith("cannot connect to the Hazelcast cluster 'nobody' at 127.0.0.1:1"),
                nobody.getMessage());
    }

    @Test
    void anEmptyListingBuildsTheEmptyQube() throws IOException {
        Path e = Files.writeString(tmp.resolve("e.ids"), "\n");
        assertTrue(cluster.build(List.of(e), QubeFormat.IDS, false, n -> { }).isEmpty());
    }

    @Test
    void errorsAreBuildExceptionsThatSayWhatAndWhere() throws IOException {
        QubeBuildException missing = assertThrows(QubeBuildException.class,
                () -> cluster.build(List.of(tmp.resolve("absent.gz"))));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());

        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            s.append("class=od,param=").append(i).append('\n');
        }
        s.append("class=od,=x\n");
        Path bad = Files.writeString(tmp.resolve("bad.ids"), s);
        QubeBuildException malformed = assertThrows(QubeBuildException.class,
                () -> cluster.build(List.of(bad), QubeFormat.IDS, true, n -> { }));
        assertTrue(malformed.getMessage().contains("bad.ids") && malformed.getMessage().contains("5001"),
                malformed.getMessage());
    }

    @Test
    void servingAnswersExactlyAsALocalRun() throws IOException {
        Qube local = QubeIO.read(Data.file("fdb_list_porcelain.gz"));
        cluster.store("porcelain", local);
        assertTrue(cluster.names().contains("porcelain"));
        assertEquals(local.countExact(), cluster.count("porcelain"));
        String present = local.identifiers().findFirst().orElseThrow().toString();
        assertTrue(cluster.contains("porcelain", present), present);
        assertEquals(local.contains("class=xx"), cluster.contains("porcelain", "class=xx"));
        for (SelectMode mode : SelectMode.values()) {
            String sel = "param=130/134,levtype=sfc";
            assertSame(local.select(Selection.parse(sel), mode), cluster.select("porcelain", sel, mode));
        }
        assertSame(local, cluster.fetch("porcelain").orElseThrow());

        List<String> added = List.of("class=zz,param=1", "class=zz,param=2", present);
        BigInteger n = cluster.update("porcelain", added);
        Qube expected = local.union(Qube.of(added.toArray(String[]::new)));
        assertEquals(expected.countExact(), n);
        assertSame(expected, cluster.fetch("porcelain").orElseThrow());
        assertTrue(cluster.contains("porcelain", "class=zz,param=2"));

        assertEquals(BigInteger.ONE, cluster.update("fresh", List.of("a=1")));
        assertTrue(cluster.remove("fresh"));
        assertFalse(cluster.remove("fresh"));
        assertThrows(NoSuchElementException.class, () -> cluster.count("absent"));
        assertTrue(cluster.fetch("absent").isEmpty());
    }
}
