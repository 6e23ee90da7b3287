package dev.qube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code qube} command, run in process with captured standard streams. */
class QubeCliTest {

    @TempDir
    Path tmp;

    /** What one run gave. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        return runWithInput("", args);
    }

    static Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = QubeCli.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String data(String name) {
        String dir = System.getProperty("qube.data");
        Path p = dir == null ? null : Path.of(dir, name);
        assumeTrue(p != null && Files.isReadable(p),
                "real data file " + name + " not found (set -Dqube.data to the shared data directory); skipped");
        return p.toString();
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static final String A = "class=od,param=1\nclass=od,param=2\nclass=rd,param=1\n";
    static final String B = "class=od,param=2\nclass=rd,param=1\nclass=rd,param=3\n";

    static Set<String> lines(String text) {
        return text.lines().collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------ count, on every readable real file

    @Test
    void countPrintsExactlyTheIntegerForTheListings() {
        Run fdb = run("count", data("fdb_list_porcelain.gz"));
        assertEquals(0, fdb.code(), fdb.err());
        assertEquals("56950\n", fdb.out());
        assertEquals(List.of("qube: warning: " + data("fdb_list_porcelain.gz")
                + ": skipped 34 lines that are not identifiers (the first at line 56951)"), fdb.errLines());

        Run compact = run("count", data("fdb_list_compact.gz"));
        assertEquals(new Run(0, "56950\n", ""), compact);

        Run mars = run("count", data("mars_list.gz"));
        assertEquals(new Run(0, "190864062\n", ""), mars);
    }

    @Test
    void countPrintsTheReadmeFiguresForTheQubedCatalogues() {
        // the identifier counts of ../shared/data/README.md, format detected, gzip read transparently
        var expected = new java.util.LinkedHashMap<String, String>();
        expected.put("od.json", "1107249");
        expected.put("extremes_dt.json", "95919906");
        expected.put("climate_dt.json", "8932586");
        expected.put("climate_dt_large.json.gz", "8657458");
        expected.put("climate_dt_old_schema.json.gz", "278678381");
        expected.forEach((file, count) -> assertEquals(new Run(0, count + "\n", ""), run("count", data(file)), file));
        Run arena = run("count", data("oper_fdb.arena.json"));
        assertEquals(new Run(0, "100\n", ""), arena);
        Run offheap = run("count", "--arena", "offheap", data("climate_dt_large.json.gz"));
        assertEquals(new Run(0, "8657458\n", ""), offheap);
    }

    @Test
    void countOfASelectionIsWhatSelectKeeps() throws IOException {
        String src = data("climate_dt_large.json.gz");
        for (String mode : List.of("relaxed", "prune", "strict")) {
            Path selected = tmp.resolve("selected-" + mode + ".qube");
            Run select = run("select", src, "param=167/130,levtype=sfc", "--mode", mode, "--to", "binary", "-o", selected.toString());
            assertEquals(0, select.code(), select.err());
            Run made = run("count", selected.toString());
            assertEquals(made, run("count", src, "param=167/130,levtype=sfc", "--mode", mode), mode);
        }
        assertEquals(new Run(0, "39600\n", ""), run("count", src, "param=167"));
        Run misspelt = run("count", src, "parm=167");
        assertEquals("8657458\n", misspelt.out());
        assertTrue(misspelt.err().contains("key 'parm' occurs nowhere (did you mean 'param'?)"), misspelt.err());
        Run strict = run("--strict", "count", src, "parm=167");
        assertEquals(1, strict.code());
        assertEquals("", strict.out());
    }

    @Test
    void convertBetweenWritableFormatsKeepsTheIdentifiers() throws IOException {
        String src = data("climate_dt.json");
        String previous = src;
        for (String to : List.of("binary", "nested-json", "arena-json", "ascii", "tree-json")) {
            Path out = tmp.resolve("climate." + to);
            Run r = run("convert", previous, "--to", to, "-o", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(new Run(0, "8932586\n", ""), run("count", out.toString()), to);
            previous = out.toString();
        }
        Run html = run("convert", src, "--to", "html", "-o", tmp.resolve("climate.html").toString());
        assertEquals(0, html.code(), html.err());
        assertTrue(Files.readString(tmp.resolve("climate.html")).contains("8932586")
                || Files.readString(tmp.resolve("climate.html")).contains("8,932,586"), "the page shows the count");
    }

    @Test
    void countOfAsciiAndIdsFilesWrittenByConvert() throws IOException {
        String compact = data("fdb_list_compact.gz");
        Path ids = tmp.resolve("c.ids");
        Path ascii = tmp.resolve("c.txt");
        assertEquals(new Run(0, "", ""), run("convert", compact, "--to", "ids", "-o", ids.toString()));
        assertEquals(new Run(0, "", ""), run("convert", compact, "-o", ascii.toString()));
        assertEquals(56_950, Files.readAllLines(ids).size());
        assertTrue(Files.readString(ascii).startsWith("root, class=d1, dataset=climate-dt\n"));
        assertEquals(new Run(0, "56950\n", ""), run("count", ids.toString()));
        assertEquals(new Run(0, "56950\n", ""), run("count", ascii.toString()));
        assertEquals(new Run(0, "56950\n", ""), run("count", "--from", "ids", ids.toString()));
        // and the converted files hold the same qube
        Run a = run("ids", ids.toString());
        Run b = run("ids", ascii.toString());
        assertEquals(a, b);
        assertEquals(Files.readString(ids), a.out());
    }

    @Test
    void countReadsStandardInput() {
        assertEquals(new Run(0, "3\n", ""), runWithInput(A, "count", "-"));
    }

    // ------------------------------------------------------------------ show, stats, ids

    @Test
    void showIsLosslessByDefaultAndCutsOnlyWhenAsked() throws IOException {
        String f = data("fdb_list_compact.gz");
        Run whole = run("show", f);
        assertEquals(0, whole.code(), whole.err());
        try (Qube q = QubeIO.read(Path.of(f)); Qube back = Qube.parse(whole.out())) {
            assertEquals(q.toString(), whole.out());
            assertEquals(q, back);
        }
        String longest = whole.out().lines().max((x, y) -> Integer.compare(x.length(), y.length())).orElseThrow();
        assertTrue(longest.length() > 200, "labels are printed whole: " + longest.length());

        Run cut = run("show", f, "--width", "20");
        assertEquals(0, cut.code(), cut.err());
        assertEquals(whole.out().lines().count(), cut.out().lines().count());
        assertTrue(cut.out().contains("...") && !whole.out().contains("..."), cut.out());
        assertTrue(cut.out().lines().mapToInt(String::length).max().orElseThrow() < longest.length(), cut.out());

        Run shallow = run("show", "--depth", "1", f);
        assertEquals(0, shallow.code(), shallow.err());
        assertEquals(List.of("root, class=d1, dataset=climate-dt"), shallow.out().lines().limit(1).toList());
        assertTrue(shallow.out().lines().count() < whole.out().lines().count());
        assertTrue(shallow.out().lines().skip(1).allMatch(l -> l.startsWith("├── ") || l.startsWith("└── ")), shallow.out());

        assertEquals(2, run("show", f, "--depth", "-1").code());
        assertEquals(2, run("show", f, "--width", "0").code());
    }

    @Test
    void statsNamesEachFigure() throws IOException {
        String f = data("fdb_list_porcelain.gz");
        Run r = run("stats", f);
        assertEquals(0, r.code(), r.err());
        List<String> out = r.out().lines().toList();
        try (Qube q = QubeIO.read(Path.of(f), null, dev.qube.ReadOptions.defaults().withWarnings(w -> { }))) {
            assertEquals(List.of("identifiers: 56950", "nodes: " + q.treeNodeCount(), "unique nodes: " + q.nodeCount(),
                    "keys: 16", "depth: 16", "bytes: " + q.bytesInUse()), out.subList(0, 6));
        }
        assertTrue(out.get(6).matches("load time: \\d+\\.\\d{3} s"), out.get(6));
        assertEquals(7, out.size());
    }

    @Test
    void idsAreTheDistinctListingLinesInCanonicalOrder() throws IOException {
        String f = data("fdb_list_porcelain.gz");
        List<String> expected;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(f)))) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("{"))
                    .map(l -> l.substring(1, l.length() - 1).replace("}{", ","))
                    .distinct()
                    .map(Identifier::parse)
                    .sorted()
                    .map(Identifier::toString)
                    .toList();
        }
        Run r = run("ids", f);
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out().lines().toList());
    }

    // ------------------------------------------------------------------ set operations, select, contains

    @Test
    void setOperations() throws IOException {
        String a = write("a.ids", A).toString();
        String b = write("b.ids", B).toString();
        assertEquals(lines(A + B), lines(run("union", a, b, "--to", "ids").out()));
        assertEquals(Set.of("class=od,param=2", "class=rd,param=1"), lines(run("intersect", a, b, "--to", "ids").out()));
        assertEquals(Set.of("class=od,param=1"), lines(run("minus", a, b, "--to", "ids").out()));
        assertEquals(Set.of("class=od,param=1", "class=rd,param=3"), lines(run("xor", a, b, "--to", "ids").out()));
        Run ascii = run("union", a, b);
        assertEquals(0, ascii.code());
        assertEquals("""
                root
                ├── class=od, param=1/2
                └── class=rd, param=1/3
                """, ascii.out());
        Path out = tmp.resolve("u.txt");
        assertEquals(new Run(0, "", ""), run("union", a, b, "-o", out.toString()));
        assertEquals(ascii.out(), Files.readString(out));
        // B from standard input
        assertEquals(lines(A + B), lines(runWithInput(B, "union", a, "-", "--to", "ids").out()));
    }

    @Test
    void aFailedCommandLeavesAnExistingOutputUntouchedAndNoTemporaryFile() throws IOException {
        Path out = write("kept.txt", "what was there before\n");
        String good = write("good.ids", A).toString();
        String bad = write("bad.ids", A + "class=od,param=1,class=rd\n").toString(); // a key twice on one path
        for (String[] args : List.of(new String[] {"convert", bad, "-o", out.toString()},
                new String[] {"union", good, bad, "-o", out.toString()},
                new String[] {"select", good, "class", "-o", out.toString()},
                new String[] {"convert", good, "--to", "nosuchformat", "-o", out.toString()})) {
            Run r = run(args);
            assertTrue(r.code() != 0, String.join(" ", args) + " should fail");
            assertEquals("what was there before\n", Files.readString(out), String.join(" ", args));
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file is left behind");
        }
        // and a successful command replaces the file whole
        assertEquals(0, run("convert", good, "--to", "ids", "-o", out.toString()).code());
        assertEquals(lines(A), lines(Files.readString(out)));
    }

    @Test
    void selectWithModes() throws IOException {
        String f = write("s.ids", "class=od,param=1\nclass=od,param=2\nclass=rd,expver=1,param=1\nparam=1\n").toString();
        assertEquals(Set.of("class=od,param=1", "param=1"), lines(run("select", f, "class=od,param=1", "--to", "ids").out()));
        assertEquals(Set.of("class=od,param=1"),
                lines(run("select", f, "class=od,param=1", "--mode", "prune", "--to", "ids").out()));
        assertEquals(Set.of("class=od,param=1", "class=od,param=2", "param=1"),
                lines(run("select", f, "class=od,param=*", "--mode", "STRICT", "--to", "ids").out()));
        Run bad = run("select", f, "class");
        assertEquals(2, bad.code());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("bad selection 'class'"), bad.err());
        assertEquals(2, run("select", f, "class=od", "--mode", "loose").code());
    }

    @Test
    void containsIsLikeGrepQ() throws IOException {
        String f = write("c.ids", A).toString();
        assertEquals(new Run(0, "", ""), run("contains", f, "class=od,param=2"));
        assertEquals(new Run(1, "", ""), run("contains", f, "class=od,param=3"));
        assertEquals(new Run(1, "", ""), run("contains", f, "class=od"));
        Run missing = run("contains", tmp.resolve("none.ids").toString(), "class=od");
        assertEquals(2, missing.code());
        assertEquals(List.of("qube: cannot read " + tmp.resolve("none.ids") + ": no such file"), missing.errLines());
        assertEquals(2, run("contains", f, "class").code());
        assertEquals(2, run("contains", write("bad.ids", "a=1\nb\n").toString(), "a=1").code());
        assertEquals(2, run("contains", f).code());
    }

    // ------------------------------------------------------------------ shared options, exit codes, messages

    @Test
    void arenaIsAcceptedBeforeAndAfterTheCommand() throws IOException {
        String f = write("a.ids", A).toString();
        assertEquals(new Run(0, "3\n", ""), run("--arena", "heap", "count", f));
        assertEquals(new Run(0, "3\n", ""), run("count", "--arena", "heap", f));
        assertEquals(new Run(0, "3\n", ""), run("count", f, "--arena=heap"));
        assertEquals(new Run(0, "3\n", ""), run("--arena", "offheap", "count", f));
        assertEquals(new Run(0, "3\n", ""), run("count", "--arena", "offheap", f));
        for (Run r : List.of(run("--arena", "nowhere", "count", f), run("count", "--arena", "nowhere", f))) {
            assertEquals(2, r.code());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("qube: --arena nowhere: ") && r.err().contains("'nowhere'"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void fromAndStrictApplyToInputs() throws IOException {
        Path listing = write("l.txt", "{a=1}{b=2}\nPRE-MAIN-ERROR boom\n{a=1}{b=3}\n");
        Run lenient = run("count", listing.toString());
        assertEquals(0, lenient.code());
        assertEquals("2\n", lenient.out());
        assertEquals(List.of("qube: warning: " + listing + ": skipped 1 line that is not an identifier (the first at line 2)"),
                lenient.errLines());
        for (Run strict : List.of(run("--strict", "count", listing.toString()), run("count", "--strict", listing.toString()))) {
            assertEquals(1, strict.code());
            assertEquals("", strict.out());
            assertEquals(1, strict.errLines().size());
            assertTrue(strict.err().startsWith("qube: " + listing + ":2:1: "), strict.err());
        }
        Path ids = write("x.txt", "a=1,b=2\n");
        assertEquals(new Run(0, "1\n", ""), run("count", "--from", "ids", ids.toString()));
        Run wrong = run("--from", "fdb", "count", ids.toString());
        assertEquals(1, wrong.code(), "a file none of whose lines is an identifier is not an empty qube");
        assertEquals("", wrong.out());
        assertTrue(wrong.err().startsWith("qube: " + ids + ":1:1: expected an identifier in braces"), wrong.err());
        assertTrue(wrong.err().contains("(it looks like ids); leave out --from to detect the format"), wrong.err());
        assertEquals(2, run("count", "--from", "nonsense", ids.toString()).code());
        assertEquals(2, run("count", "--from", "html", ids.toString()).code());
        assertEquals(2, run("convert", ids.toString(), "--to", "fdb").code());
    }

    @Test
    void malformedInputOfEachFormatNamesFileLineAndColumn() throws IOException {
        record Case(String format, String text, String where) {
        }
        for (Case c : List.of(
                new Case("fdb", "{a=1}\n{a=1,b}\n", ":2:6: "),
                new Case("fdb-compact", "retrieve,a=1\nretrieve,a=1//2\n", ":2:14: "),
                new Case("mars", "a=1\n b=2,c\n", ":2:6: "),
                new Case("ids", "a=1\nb=2,c\n", ":2:5: "),
                new Case("ascii", "root\n├── a=1\nnonsense\n", ":3:"))) {
            Path f = write("bad." + c.format, c.text);
            for (Run r : List.of(run("count", f.toString()), run("count", "--from", c.format, f.toString()))) {
                assertEquals(1, r.code(), c.format + ": " + r.err());
                assertEquals("", r.out());
                assertEquals(1, r.errLines().size(), r.err());
                assertTrue(r.err().startsWith("qube: " + f + c.where), c.format + ": " + r.err());
                assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
            }
        }
        Run debug = run("--debug", "count", write("d.ids", "a=1\nb\n").toString());
        assertEquals(1, debug.code());
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    @Test
    void badUsageExitsWithTwoAndOneLine() {
        for (String[] args : List.of(new String[] {}, new String[] {"frobnicate"}, new String[] {"count"},
                new String[] {"count", "a", "b"}, new String[] {"count", "--nope", "x"}, new String[] {"union", "a"})) {
            Run r = run(args);
            assertEquals(2, r.code(), Arrays.toString(args));
            assertEquals("", r.out(), Arrays.toString(args));
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("qube: "), r.err());
        }
    }

    @Test
    void unreadableFileIsAFailure() {
        Run r = run("show", tmp.resolve("missing.gz").toString());
        assertEquals(1, r.code());
        assertEquals(List.of("qube: cannot read " + tmp.resolve("missing.gz") + ": no such file"), r.errLines());
        Run dir = run("count", tmp.toString());
        assertEquals(1, dir.code());
        assertEquals(List.of("qube: cannot read " + tmp + ": not a regular file"), dir.errLines());
    }

    @Test
    void helpForEveryCommand() {
        Run top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().startsWith("Usage: qube "), top.out());
        for (String c : List.of("show", "count", "stats", "ids", "convert", "union", "intersect", "minus", "xor",
                "select", "contains")) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().startsWith("Usage: qube " + c), r.out());
        }
    }

    @Test
    void aotTrainingRunsEveryCommandItNamesAndIsHiddenFromHelp() {
        // the ./qube launcher's training run: it must succeed (it checks each command it runs)
        Run r = run("aot-train");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertFalse(run("--help").out().contains("aot-train"));
    }

    // ------------------------------------------------------------------ -o is atomic

    @Test
    void failedConversionLeavesNoFileAndNoTemporaryFile() throws IOException {
        Path out = tmp.resolve("out").resolve("result.txt");
        Files.createDirectories(out.getParent());
        Run r = run("convert", write("bad.ids", "a=1\nb\n").toString(), "-o", out.toString());
        assertEquals(1, r.code());
        assertEquals(List.of(), listing(out.getParent()));

        // an existing file is left as it was
        Files.writeString(out, "before\n");
        assertEquals(1, run("convert", tmp.resolve("bad.ids").toString(), "-o", out.toString()).code());
        assertEquals("before\n", Files.readString(out));
        assertEquals(List.of("result.txt"), listing(out.getParent()));

        // a write that fails at the end (the target is a non-empty directory) removes its temporary file
        Path blocked = tmp.resolve("out").resolve("blocked");
        Files.createDirectories(blocked.resolve("inside"));
        Run w = run("convert", write("ok.ids", A).toString(), "-o", blocked.toString());
        assertEquals(1, w.code());
        assertEquals(1, w.errLines().size(), w.err());
        assertTrue(w.err().startsWith("qube: cannot write " + blocked + ": "), w.err());
        assertEquals(List.of("blocked", "result.txt"), listing(out.getParent()));

        // a conversion that works replaces the file whole
        assertEquals(new Run(0, "", ""), run("convert", tmp.resolve("ok.ids").toString(), "--to", "ids", "-o", out.toString()));
        assertEquals(A, Files.readString(out));
        assertEquals(List.of("blocked", "result.txt"), listing(out.getParent()));
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toCollection(ArrayList::new));
        }
    }

    @Test
    void convertToStandardOutput() throws IOException {
        String f = write("a.ids", A).toString();
        Run dash = run("convert", f, "-o", "-", "--to", "ids");
        assertEquals(new Run(0, A, ""), dash);
        assertEquals(run("convert", f, "--to", "ids"), dash);
        assertEquals(run("show", f).out(), run("convert", f).out());
    }
}
