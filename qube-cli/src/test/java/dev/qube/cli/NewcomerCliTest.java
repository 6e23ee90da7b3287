package dev.qube.cli;

import static dev.qube.cli.QubeCliTest.run;
import static dev.qube.cli.QubeCliTest.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.cli.QubeCliTest.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer meets: selections that say when they cannot mean what was typed, key order, messages. */
class NewcomerCliTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** 2 times x 2 params, times written as MARS does ({@code 0000}). */
    private Path fields() throws IOException {
        return write("f.ids", """
                class=od,time=0000,param=167
                class=od,time=0000,param=168
                class=od,time=1200,param=167
                class=od,time=1200,param=168
                """);
    }

    // ------------------------------------------------------------------ selections

    @Test
    void aMisspelledKeyWarnsAndIsAnErrorWhenStrict() throws IOException {
        String f = fields().toString();
        Run r = run("select", f, "parm=167", "--to", "ids");
        assertEquals(0, r.code());
        assertEquals(4, r.out().lines().count(), "relaxed mode keeps every identifier: the reason for the warning");
        assertEquals(List.of("qube: warning: " + f + ": key 'parm' occurs nowhere (did you mean 'param'?); the keys are "
                + "class, param, time; in relaxed mode every identifier without it is kept"), r.errLines());
        Run strict = run("select", "--strict", f, "parm=167");
        assertEquals(1, strict.code());
        assertEquals("", strict.out());
        assertTrue(strict.err().startsWith("qube: " + f + ": key 'parm' occurs nowhere"), strict.err());
        // a selection that matches says nothing
        Run ok = run("select", f, "param=167", "--to", "ids");
        // (canonical order: 1200 is a canonical integer and sorts before 0000, which is not)
        assertEquals(new Run(0, "class=od,time=1200,param=167\nclass=od,time=0000,param=167\n", ""), ok);
        // values merely not there: an empty answer, no warning
        assertEquals(new Run(0, "", ""), run("select", f, "param=999", "--to", "ids"));
    }

    @Test
    void aRangeOfTheWrongKindWarnsNamingTheKindFound() throws IOException {
        String f = fields().toString();
        Run r = run("select", f, "time=0/to/600", "--to", "ids");
        assertEquals(0, r.code());
        assertEquals(List.of("qube: warning: " + f + ": time=0/to/600 selects integers, but the values of time are times "
                + "(1200, 0000): nothing matched"), r.errLines());
        assertEquals(1, run("select", "--strict", f, "time=0/to/600").code());
        Run right = run("select", f, "time=0000/to/0600", "--to", "ids");
        assertEquals(new Run(0, "class=od,time=0000,param=167\nclass=od,time=0000,param=168\n", ""), right);
    }

    @Test
    void aKeyRepeatedInASelectionIsBadUsageAtItsColumn() throws IOException {
        Run r = run("select", fields().toString(), "param=167,param=168");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("column 11: key 'param' is selected twice (first at column 1)"), r.err());
        Run col = run("select", fields().toString(), "class=od,param=1/to");
        assertTrue(col.err().contains("column 20: expected the end of the range after '1/to'"), col.err());
    }

    // ------------------------------------------------------------------ key order

    @Test
    void keyOrderReordersEveryInputAndSetOperationsWarnWhenOrdersDiffer() throws IOException {
        Path a = write("a.ids", "class=od,param=1,time=0000\nclass=od,param=2,time=0000\nclass=rd,param=1,time=0000\n");
        Path b = write("b.ids", "class=od,time=0000,param=1\nclass=od,time=0000,param=2\n");
        Run plain = run("intersect", a.toString(), b.toString(), "--to", "ids");
        assertEquals(0, plain.code());
        assertEquals("", plain.out(), "key order is part of an identifier");
        assertEquals(List.of("qube: warning: " + a + " and " + b + " order the same keys differently (3 identifiers of "
                + a + " and 2 of " + b + " have keys the other input holds only in another order; e.g. class,param,time "
                + "and class,time,param): key order is part of an identifier, so these never match; to compare them as "
                + "fields, read both in one order with --key-order class,param,time"), plain.errLines());
        Run ordered = run("intersect", "--key-order", "class,param,time", a.toString(), b.toString(), "--to", "ids");
        assertEquals(new Run(0, "class=od,param=1,time=0000\nclass=od,param=2,time=0000\n", ""), ordered);
        // from a file, one key a line; keys not named keep their relative order
        Path order = write("order.txt", "time\n");
        Run fromFile = run("ids", "--key-order", order.toString(), a.toString());
        assertEquals(new Run(0, "time=0000,class=od,param=1\ntime=0000,class=od,param=2\ntime=0000,class=rd,param=1\n", ""),
                fromFile);
        // contains and count read reordered too; absent only by key order: a warning says so
        Run absent = run("contains", b.toString(), "class=od,param=1,time=0000");
        assertEquals(1, absent.code());
        assertEquals(List.of("qube: warning: " + b + " holds class=od,param=1,time=0000 with its keys in another order "
                + "(key order is part of an identifier); --key-order class,param,time reads it in this order"), absent.errLines());
        assertEquals(new Run(1, "", ""), run("contains", b.toString(), "class=od,param=9,time=0000"), "truly absent: silent");
        assertEquals(0, run("contains", "--key-order", "class,param", b.toString(), "class=od,param=1,time=0000").code());
        assertEquals(2, run("count", "--key-order", "param,param", b.toString()).code(), "a key named twice is bad usage");
        // inputs in one order: no warning
        assertEquals(new Run(0, "3\n", ""), runCount("union", a.toString(), a.toString()));
    }

    private static Run runCount(String op, String x, String y) {
        Run r = run(op, x, y, "--to", "ids");
        return new Run(r.code(), r.out().lines().count() + "\n", r.err());
    }

    @Test
    void theRealListingsOfOneCatalogueAgreeOnceReadInOneOrder() {
        String compact = data("fdb_list_compact.gz");
        String porcelain = data("fdb_list_porcelain.gz");
        Run warned = run("intersect", compact, porcelain, "--to", "ids");
        assertTrue(warned.err().contains("order the same keys differently (49,353 identifiers of " + compact), warned.err());
        String order = "class,dataset,activity,experiment,generation,model,realization,expver,stream,date,resolution,type,"
                + "levtype,time,levelist,param";
        Run both = run("--key-order", order, "intersect", compact, porcelain, "--to", "ids");
        assertEquals(0, both.code());
        assertEquals(56_950, both.out().lines().count());
        assertFalse(both.err().contains("order the same keys differently"), both.err());
    }

    // ------------------------------------------------------------------ messages

    @Test
    void didYouMeanForCommandsAndOptions() {
        Run cmd = run("slect", "x", "y");
        assertEquals(2, cmd.code());
        assertEquals(List.of("qube: unknown command 'slect'; did you mean 'select'? (see 'qube --help')"), cmd.errLines());
        Run opt = run("convert", "x", "--ouput", "y");
        assertEquals(2, opt.code());
        assertEquals(List.of("qube: unknown option '--ouput'; did you mean '--output'? (see 'qube convert --help')"), opt.errLines());
        Run none = run("frobnicate");
        assertEquals(List.of("qube: unknown command 'frobnicate' (see 'qube --help')"), none.errLines());
    }

    @Test
    void badOptionValuesAreNamedAsUsersTypeThem() throws IOException {
        Run arena = run("--arena", "bogus", "count", fields().toString());
        assertEquals(2, arena.code());
        assertEquals(List.of("qube: --arena bogus: no backend named 'bogus'; available: heap, mapped, offheap "
                + "(see 'qube count --help')"), arena.errLines());
        Run mode = run("select", fields().toString(), "param=1", "--mode", "Loose");
        assertEquals(2, mode.code());
        assertTrue(mode.err().contains("expected relaxed, prune or strict, not 'Loose'"), mode.err());
        assertFalse(mode.err().contains("RELAXED"), mode.err());
        assertEquals(0, run("select", fields().toString(), "param=1", "--mode", "PRUNE").code(), "any case is accepted");
    }

    @Test
    void debugPrintsTheErrorOnceWithItsStackTrace() throws IOException {
        Path bad = write("d.ids", "a=1\nb\n");
        Run r = run("--debug", "count", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
        String first = r.errLines().getFirst();
        assertTrue(first.startsWith("qube: " + bad + ":2:"), first);
        String reason = first.substring(first.lastIndexOf(": ") + 2);
        assertEquals(1, r.err().split(java.util.regex.Pattern.quote(reason), -1).length - 1, r.err());
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("qube \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)\\n"), r.out());
    }

    @Test
    void binaryIsRefusedOnATerminalButWrittenToAFileOrPipe() throws IOException {
        String f = fields().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = QubeCli.run(new String[] {"convert", f, "--to", "binary"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, true);
        assertEquals(1, code);
        assertEquals(0, out.size());
        assertEquals("qube: refusing to write binary data to a terminal; name a file with -o, or redirect standard output\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("convert", f, "--to", "binary").code(), "not a terminal: written");
        Path file = tmp.resolve("f.qube");
        code = QubeCli.run(new String[] {"convert", f, "--to", "binary", "-o", file.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, true);
        assertEquals(0, code);
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void showDepthMarksTheNodesWhoseChildrenWereCut() throws IOException {
        Path f = write("t.ids", "class=od,param=1\nclass=od,param=2,step=0\nclass=rd,param=1\nclass=rd,param=2,step=6\n");
        Run r = run("show", "--depth", "1", f.toString());
        assertEquals(new Run(0, """
                root
                ├── class=od [2 children not shown]
                └── class=rd [2 children not shown]
                """, ""), r);
        assertEquals("root [2 children not shown]\n", run("show", "--depth", "0", f.toString()).out());
        Path chain = write("c.ids", "class=od,param=1,step=0\nclass=od,param=1,step=6\n");
        assertEquals("root, class=od, param=1, step=0/6\n", run("show", "--depth", "0", chain.toString()).out(),
                "a chain of single children is one line: nothing below it is cut");
        assertFalse(run("show", f.toString()).out().contains("not shown"));
    }

    @Test
    void forcedListingFormatThatFindsNothingIsAnError() {
        String json = data("od.json");
        Run r = run("count", "--from", "mars", json);
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("qube: " + json + ":1:1: "), r.err());
        assertTrue(r.err().contains("(nothing was read: is this the right format?) (it looks like tree-json); leave out "
                + "--from to detect the format"), r.err());
    }

    @Test
    void writeErrorsNameTheOutputAndTheReasonNotATemporaryFile() throws IOException {
        Path out = tmp.resolve("no/such/dir/out.txt");
        Run r = run("convert", fields().toString(), "-o", out.toString());
        assertEquals(1, r.code());
        assertEquals(List.of("qube: cannot write " + out + ": no such directory"), r.errLines());
    }

    @Test
    void aBadFirstLineIsQuotedCut() throws IOException {
        Path f = write("long.ids", "a=1," + "x".repeat(100_000) + "\n");
        Run r = run("count", f.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size());
        assertTrue(r.err().length() < 700, () -> r.err().length() + " characters");
        assertTrue(r.err().contains("x".repeat(200) + "... (100000 characters)"), r.err());
    }
}
