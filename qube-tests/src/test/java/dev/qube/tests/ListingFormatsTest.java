package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.property.Gen;
import dev.qube.tests.property.Property;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The listing readers (fdb, fdb-compact, mars) against the real listings, checked by simple,
 * independent parses written here, and their errors on malformed input.
 */
class ListingFormatsTest {

    static final String ARENA = ByteArrayArenaProvider.NAME;

    // ------------------------------------------------------------------ helpers

    static Path data(String name) {
        String dir = System.getProperty("qube.data");
        Path p = dir == null ? null : Path.of(dir, name);
        assumeTrue(p != null && Files.isReadable(p),
                "real data file " + name + " not found (set -Dqube.data to the shared data directory); skipped");
        return p;
    }

    static List<String> gunzipLines(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static ReadOptions options(List<String> warnings) {
        return ReadOptions.defaults().withArena(ARENA).withWarnings(warnings::add);
    }

    static Qube read(String text, QubeFormat f, ReadOptions o) throws IOException {
        return QubeIO.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.txt", f, o);
    }

    static QubeFormatException error(String text, QubeFormat f) {
        return assertThrows(QubeFormatException.class, () -> read(text, f, options(new ArrayList<>())).close(),
                () -> f + " should reject " + text);
    }

    static Set<String> ids(Qube q) {
        return q.identifiers().map(Identifier::toString).collect(Collectors.toSet());
    }

    static QubeFormat detect(Path p) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(p)), 1 << 16)) {
            return QubeIO.detect(in, p.toString());
        }
    }

    // ------------------------------------------------------------------ fdb (porcelain)

    @Test
    void fdbPorcelainIsExactlyItsDistinctIdentifierLines() throws IOException {
        Path p = data("fdb_list_porcelain.gz");
        Set<String> expected = new HashSet<>();
        int firstOther = 0;
        int others = 0;
        List<String> lines = gunzipLines(p);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("{")) {
                // {a=1,b=2}{c=3} -> a=1,b=2,c=3
                expected.add(line.substring(1, line.length() - 1).replace("}{", ","));
            } else {
                others++;
                firstOther = firstOther == 0 ? i + 1 : firstOther;
            }
        }
        assertEquals(56_950, expected.size());
        assertEquals(34, others);
        List<String> warnings = new ArrayList<>();
        try (Qube q = QubeIO.read(p, null, options(warnings))) {
            assertEquals(expected, ids(q));
            assertEquals(BigInteger.valueOf(expected.size()), q.countExact());
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertEquals(p + ": skipped 34 lines that are not identifiers (the first at line " + firstOther + ")",
                warnings.getFirst());
        assertEquals(56_951, firstOther);
    }

    @Test
    void fdbStrictModeRejectsTheDiagnostics() {
        Path p = data("fdb_list_porcelain.gz");
        var e = assertThrows(QubeFormatException.class,
                () -> QubeIO.read(p, QubeFormat.FDB, options(new ArrayList<>()).withStrict(true)));
        assertEquals(p.toString(), e.source());
        assertEquals(56_951, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().startsWith(p + ":56951:1: "), e.getMessage());
    }

    @Test
    void fdbMalformedLinesAreErrorsWithLineAndColumn() {
        record Case(String text, long line, long column, String reason) {
        }
        for (Case c : List.of(
                new Case("{a=1}\n{a=1,b}\n", 2, 6, "no '='"),
                new Case("{a=1,b=2\n", 1, 1, "unbalanced '{'"),
                new Case("{a=1}}\n", 1, 6, "unbalanced '}'"),
                new Case("{a=1}{b=2{c=3}}\n", 1, 10, "a group opens inside another"),
                new Case("{a=1}x\n", 1, 6, "expected '{'"),
                new Case("{a=1}{a=2}\n", 1, 7, "appears twice"),
                new Case("{é=1}{é=2}\n", 1, 7, "appears twice"),
                new Case("{a=}\n", 1, 4, "empty value"),
                new Case("{=1}\n", 1, 2, "empty key"),
                new Case("{}\n", 1, 1, "empty group"),
                new Case("{a=1=2}\n", 1, 5, "unexpected '='"))) {
            QubeFormatException e = error(c.text, QubeFormat.FDB);
            String where = c.text.strip() + " -> " + e.getMessage();
            assertEquals("in.txt", e.source(), where);
            assertEquals(c.line, e.line(), where);
            assertEquals(c.column, e.column(), where);
            assertTrue(e.reason().contains(c.reason), where);
            assertTrue(e.getMessage().startsWith("in.txt:" + c.line + ":" + c.column + ": "), where);
            assertTrue(e.getMessage().lines().count() == 1, where);
        }
    }

    @Test
    void fdbReaderAgreesWithTheModelOnRandomListings() {
        // sorted listings make consecutive lines share prefixes (the reader reuses them); shuffled
        // ones with repeats and stray lines check the rest
        Gen<List<Identifier>> sets = QubeArbitraries.identifierSets();
        Gen<Object[]> gen = (r, size) -> new Object[] {sets.next(r, size), r.nextLong()};
        Property.forAll("fdb reader = model", gen, in -> {
            @SuppressWarnings("unchecked")
            List<Identifier> all = (List<Identifier>) in[0];
            SplittableRandom r = new SplittableRandom((Long) in[1]);
            List<Identifier> ids = all.stream().filter(ListingFormatsTest::porcelainSafe).collect(Collectors.toList());
            StringBuilder text = new StringBuilder();
            List<Identifier> order = new ArrayList<>(ids);
            if (r.nextBoolean()) {
                Collections.sort(order);
            } else {
                Collections.shuffle(order, new java.util.Random(r.nextLong()));
            }
            for (Identifier id : order) {
                int repeats = r.nextInt(8) == 0 ? 2 : 1;
                for (int k = 0; k < repeats; k++) {
                    text.append(porcelain(id, r)).append('\n');
                    if (r.nextInt(10) == 0) {
                        text.append(r.nextBoolean() ? "PRE-MAIN-ERROR x\n" : "\n");
                    }
                }
            }
            try (Qube q = read(text.toString(), QubeFormat.FDB, options(new ArrayList<>()))) {
                assertEquals(Model.of(ids), Model.of(q), text::toString);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    /**
     * In an ids file the writer escapes {@code /} and {@code =} in texts; one unescaped (a second
     * {@code =} in one item) means the line is not one identifier: a MARS value list, JSON, the
     * brace groups of an FDB listing. The index of the first, or -1.
     */
    static int unescapedInText(String line) {
        boolean eq = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                eq = false;
            } else if (c == '/' || c == '=' && eq) {
                return i;
            } else if (c == '=') {
                eq = true;
            }
        }
        return -1;
    }

    @Test
    void idsReaderAgreesWithIdentifierParseLineByLine() {
        // the ids reader parses plain lines as bytes and reuses the pairs shared with the line
        // before; the format is defined by Identifier.parse on each line of a BufferedReader,
        // after the rule of unescapedInText:
        // random lines mixing plain identifiers with every odd case must read the same way, or
        // fail at the same line and column
        String[] keys = {"class", "expver", "param", "date", "k"};
        String[] values = {"od", "0001", "1", "167", "a=b", "x y", "\\,", "é", "20240101", "1/2", "a\\/b", "a\\=b"};
        String[] odd = {"", "  ", "# comment", "  #x", "a=1,,b=2", "a=1,", "a=", "=1", "a= 1", "a =1", " a=1 , b=2 ",
                "a=1,a=2", "a=1\rb=2", "a\\=b=1", "k=v\u0000", "a=1\tb", "a=1\tloc=x/y", "a=1\tloc=x,p=\\/d", "\u001ca=1", "a=\u00e9"};
        Gen<String> gen = (r, size) -> {
            StringBuilder text = new StringBuilder();
            int lines = 1 + r.nextInt(1 + size);
            for (int l = 0; l < lines; l++) {
                if (r.nextInt(6) == 0) {
                    text.append(odd[r.nextInt(odd.length)]);
                } else {
                    int n = 1 + r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        text.append(i == 0 ? "" : ",").append(keys[(i + r.nextInt(2)) % keys.length]).append('=')
                                .append(r.nextInt(3) == 0 ? values[r.nextInt(values.length)] : values[r.nextInt(3)]);
                    }
                }
                text.append(r.nextInt(10) == 0 ? "\r\n" : "\n");
            }
            return text.toString();
        };
        Property.forAll("ids reader = Identifier.parse per line", gen, text -> {
            Object expected;
            try {
                Set<Identifier> ids = new HashSet<>();
                var lines = new java.io.BufferedReader(new java.io.StringReader(text));
                long no = 0;
                for (String line; (line = lines.readLine()) != null; ) {
                    no++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    // a raw tab ends the identifier: the rest of the line is its metadata (key=v1/v2,...)
                    int tab = line.indexOf('\t');
                    int bad = unescapedInText(tab < 0 ? line : line.substring(0, tab));
                    if (bad >= 0) {
                        throw new QubeFormatException("in.txt", no, bad + 1, line.charAt(bad) == '/'
                                ? "unescaped '/' in a value: an identifier has one value per key (write \\/ for a slash in a value;"
                                        + " lines of k=v1/v2 value lists are the mars format)"
                                : "unescaped '=' in a value (write \\= for an equals sign in a value)");
                    }
                    try {
                        ids.add(Identifier.parse(tab < 0 ? line : line.substring(0, tab)));
                    } catch (QubeFormatException e) {
                        throw new QubeFormatException("in.txt", no, e.column(), e.reason());
                    }
                    if (tab >= 0) {
                        try {
                            dev.qube.Metadata.parse(line.substring(tab + 1));
                        } catch (IllegalArgumentException e) {
                            throw new QubeFormatException("in.txt", no, tab + 2, "bad metadata after the tab: " + e.getMessage());
                        }
                    }
                }
                expected = Model.of(List.copyOf(ids));
            } catch (QubeFormatException e) {
                expected = e.getMessage();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            Object actual;
            try (Qube q = read(text, QubeFormat.IDS, options(new ArrayList<>()))) {
                actual = Model.of(q);
            } catch (QubeFormatException e) {
                actual = e.getMessage();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(expected, actual, text);
        });
    }

    @Test
    void listingsReadTheSameOnAnyNumberOfThreads() {
        // large listings are cut into blocks read on several threads (blocks are 2 KiB in these
        // tests): the qube, the warning and the first error must not depend on the thread count
        Gen<List<Identifier>> sets = QubeArbitraries.identifierSets();
        Gen<Object[]> gen = (r, size) -> new Object[] {sets.next(r, size), r.nextLong()};
        Property.forAll("listing read on 1 thread = on 3", gen, in -> {
            @SuppressWarnings("unchecked")
            List<Identifier> all = (List<Identifier>) in[0];
            SplittableRandom r = new SplittableRandom((Long) in[1]);
            List<Identifier> ids = all.stream().filter(ListingFormatsTest::porcelainSafe).collect(Collectors.toList());
            StringBuilder fdb = new StringBuilder();
            StringBuilder plain = new StringBuilder();
            for (int copy = 0; copy < 1 + r.nextInt(20); copy++) {
                for (Identifier id : ids) {
                    fdb.append(porcelain(id, r)).append('\n');
                    plain.append(id).append(r.nextInt(50) == 0 ? "\r" : "\n");
                    if (r.nextInt(200) == 0) {
                        fdb.append(r.nextBoolean() ? "PRE-MAIN-ERROR x\n" : "{a=1,b}\n");
                        plain.append(r.nextBoolean() ? "# note\n" : "a=1,,b\n");
                    }
                }
            }
            for (var c : List.of(Map.entry(QubeFormat.FDB, fdb.toString()), Map.entry(QubeFormat.IDS, plain.toString()))) {
                List<Object> outcomes = new ArrayList<>();
                for (int threads : new int[] {1, 3}) {
                    List<String> warnings = new ArrayList<>();
                    Object outcome;
                    try (Qube q = read(c.getValue(), c.getKey(), options(warnings).withThreads(threads))) {
                        outcome = Model.of(q);
                    } catch (QubeFormatException e) {
                        outcome = e.getMessage();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    outcomes.add(List.of(outcome, warnings));
                }
                assertEquals(outcomes.get(0), outcomes.get(1), () -> c.getKey().id() + ":\n" + c.getValue());
            }
        });
    }

    @Test
    void theFdbListingReadsTheSameOnOneAndTwoThreads() throws IOException {
        Path p = data("fdb_list_porcelain.gz");
        List<String> one = new ArrayList<>();
        List<String> two = new ArrayList<>();
        try (Qube a = QubeIO.read(p, QubeFormat.FDB, options(one).withThreads(1));
                Qube b = QubeIO.read(p, QubeFormat.FDB, options(two).withThreads(2))) {
            assertEquals(a, b);
            assertEquals(a.toString(), b.toString());
            assertEquals(56_950, b.count());
            assertEquals(one, two);
        }
    }

    static boolean porcelainSafe(Identifier id) {
        for (int i = 0; i < id.size(); i++) {
            for (String t : List.of(id.key(i), id.value(i))) {
                if (t.strip().length() != t.length() || t.chars().anyMatch(c -> "{}=,".indexOf(c) >= 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code {k=v,...}{...}} with the pairs cut into groups at random. */
    static String porcelain(Identifier id, SplittableRandom r) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < id.size(); i++) {
            if (i > 0) {
                b.append(r.nextInt(3) == 0 ? "}{" : ",");
            }
            b.append(id.key(i)).append('=').append(id.value(i));
        }
        return b.append('}').toString();
    }

    // ------------------------------------------------------------------ fdb-compact

    /** Every identifier of a request line {@code retrieve,k=v1/v2,...}, expanded. */
    static List<String> expand(List<String[]> groups) {
        List<String> out = List.of("");
        for (String[] g : groups) {
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String v : new TreeSet<>(List.of(g[1].split("/")))) {
                    next.add((prefix.isEmpty() ? "" : prefix + ",") + g[0] + "=" + v);
                }
            }
            out = next;
        }
        return out;
    }

    static List<String[]> groups(String text) {
        List<String[]> gs = new ArrayList<>();
        for (String g : text.split(",")) {
            gs.add(g.strip().split("=", 2));
        }
        return gs;
    }

    @Test
    void fdbCompactIsTheUnionOfItsExpandedRequests() throws IOException {
        Path p = data("fdb_list_compact.gz");
        Set<String> expected = new HashSet<>();
        int requests = 0;
        for (String line : gunzipLines(p)) {
            if (line.startsWith("retrieve,") && line.length() > "retrieve,".length()) {
                expected.addAll(expand(groups(line.substring("retrieve,".length()))));
                requests++;
            }
        }
        assertEquals(63, requests);
        List<String> warnings = new ArrayList<>();
        try (Qube q = QubeIO.read(p, null, options(warnings))) {
            assertEquals(expected.size(), q.count());
            assertEquals(expected, ids(q));
            // the same fields as the porcelain listing, with keys in other orders (so another set)
            Path porcelain = data("fdb_list_porcelain.gz");
            try (Qube f = QubeIO.read(porcelain, null, options(new ArrayList<>()))) {
                assertEquals(f.count(), q.count());
            }
        }
        assertEquals(List.of(), warnings, "the header block is not data and not a warning");
    }

    @Test
    void fdbCompactMalformedLinesAreErrorsWithLineAndColumn() {
        record Case(String text, long line, long column, String reason) {
        }
        for (Case c : List.of(
                new Case("retrieve,a=1/2,b\n", 1, 16, "no '='"),
                new Case("retrieve,a=1//2\n", 1, 14, "empty value"),
                new Case("retrieve,a=1,a=2\n", 1, 14, "appears twice"),
                new Case("\nretrieve,a=1,,b=2\n", 2, 14, "found nothing"),
                new Case("retrieve,a=1,=2\n", 1, 14, "empty key"),
                new Case("retrieve,a=1=2\n", 1, 13, "unexpected '='"),
                new Case("retrieve,\n", 1, 10, "found nothing"))) {
            QubeFormatException e = error(c.text, QubeFormat.FDB_COMPACT);
            String where = c.text.strip() + " -> " + e.getMessage();
            assertEquals("in.txt", e.source(), where);
            assertEquals(c.line, e.line(), where);
            assertEquals(c.column, e.column(), where);
            assertTrue(e.reason().contains(c.reason), where);
        }
    }

    @Test
    void fdbCompactSkipsTheHeaderAndWarnsOnceAboutOtherLines() throws IOException {
        String text = "Listing for request\nretrieve,\n\tclass=d1,\n\tdate=1\nretrieve,class=d1,param=1/2\n"
                + "PRE-MAIN-ERROR a\nretrieve,class=d1,param=3\nnoise\n";
        List<String> warnings = new ArrayList<>();
        try (Qube q = read(text, QubeFormat.FDB_COMPACT, options(warnings))) {
            assertEquals(Set.of("class=d1,param=1", "class=d1,param=2", "class=d1,param=3"), ids(q));
        }
        assertEquals(List.of("in.txt: skipped 2 lines that are not requests (the first at line 6)"), warnings);
        var e = assertThrows(QubeFormatException.class,
                () -> read(text, QubeFormat.FDB_COMPACT, options(warnings).withStrict(true)));
        assertEquals(6, e.line());
    }

    // ------------------------------------------------------------------ mars

    @Test
    void marsListIsTheUnionOfItsLeafPaths() throws IOException {
        Path p = data("mars_list.gz");
        // independent walk: a line's parent is the nearest line above that is less indented
        List<String> lines = gunzipLines(p).stream().filter(l -> !l.isBlank()).toList();
        List<Integer> indents = new ArrayList<>();
        List<List<String[]>> open = new ArrayList<>();
        List<Boolean> leaf = new ArrayList<>();
        List<List<String[]>> leafPaths = new ArrayList<>();
        Map<String, Set<String>> axes = new TreeMap<>();
        for (String line : lines) {
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.getLast() >= indent) {
                closeLine(indents, open, leaf, leafPaths);
            }
            if (!leaf.isEmpty()) {
                leaf.set(leaf.size() - 1, false);
            }
            List<String[]> gs = groups(line);
            gs.forEach(g -> axes.computeIfAbsent(g[0], k -> new TreeSet<>()).addAll(List.of(g[1].split("/"))));
            indents.add(indent);
            open.add(gs);
            leaf.add(true);
        }
        while (!indents.isEmpty()) {
            closeLine(indents, open, leaf, leafPaths);
        }
        BigInteger sum = BigInteger.ZERO;
        for (List<String[]> path : leafPaths) {
            BigInteger n = BigInteger.ONE;
            for (String[] g : path) {
                n = n.multiply(BigInteger.valueOf(new HashSet<>(List.of(g[1].split("/"))).size()));
            }
            sum = sum.add(n);
        }
        assertEquals(829, leafPaths.size());
        List<String> warnings = new ArrayList<>();
        try (Qube q = QubeIO.read(p, null, options(warnings))) {
            // the leaf paths of this listing do not overlap, so the count is their sum
            assertEquals(sum, q.countExact());
            assertEquals(BigInteger.valueOf(190_864_062), q.countExact());
            assertEquals(axes, q.axes().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue()), (a, b) -> a, TreeMap::new)));
            // one identifier of every leaf path (its last values) is in the qube
            for (List<String[]> path : leafPaths) {
                List<String> pairs = new ArrayList<>();
                for (String[] g : path) {
                    String[] vs = g[1].split("/");
                    pairs.add(g[0] + "=" + vs[vs.length - 1]);
                }
                assertTrue(q.contains(String.join(",", pairs)), () -> String.join(",", pairs));
            }
        }
        assertEquals(List.of(), warnings);
    }

    private static void closeLine(List<Integer> indents, List<List<String[]>> open, List<Boolean> leaf,
            List<List<String[]>> leafPaths) {
        if (leaf.getLast()) {
            List<String[]> path = new ArrayList<>();
            open.forEach(path::addAll);
            leafPaths.add(path);
        }
        indents.removeLast();
        open.removeLast();
        leaf.removeLast();
    }

    @Test
    void marsTreeShapes() throws IOException {
        String text = """
                class=od,stream=oper
                 type=fc,param=1/2
                 type=an
                  levtype=sfc,param=3
                  levtype=pl,param=4
                class=rd,param=5
                """;
        try (Qube q = read(text, QubeFormat.MARS, options(new ArrayList<>()))) {
            assertEquals(Set.of("class=od,stream=oper,type=fc,param=1", "class=od,stream=oper,type=fc,param=2",
                    "class=od,stream=oper,type=an,levtype=sfc,param=3", "class=od,stream=oper,type=an,levtype=pl,param=4",
                    "class=rd,param=5"), ids(q));
        }
    }

    // a non-canonical tree (siblings repeating keys with overlapping values) is merged when read; the
    // nodes and value sets it was first written as used to stay in the arena (mars_list.gz: 164,224
    // bytes for a 3,044-byte qube)
    @Test
    void aTreeThatHadToBeMergedHoldsOnlyItsLiveBytes() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("class=od,stream=oper\n type=fc,param=").append(i).append('/').append(i + 1).append('/').append(i + 2).append('\n');
        }
        try (Qube q = read(text.toString(), QubeFormat.MARS, options(new ArrayList<>())); Qube copy = q.copyTo(ARENA)) {
            assertEquals(42, q.count());
            assertEquals(copy.bytesInUse(), q.bytesInUse(), "bytes of a merged tree beyond its live DAG");
        }
        Path mars = data("mars_list.gz");
        try (Qube q = QubeIO.read(mars, QubeFormat.MARS, ReadOptions.defaults().withArena(ARENA)); Qube copy = q.copyTo(ARENA)) {
            assertEquals(copy.bytesInUse(), q.bytesInUse(), "bytes of mars_list.gz beyond its live DAG");
        }
    }

    @Test
    void marsMalformedLinesAreErrorsWithLineAndColumn() {
        record Case(String text, long line, long column, String reason) {
        }
        for (Case c : List.of(
                new Case("a=1\n b=2,c\n", 2, 6, "no '='"),
                new Case("a=1\n b=2,a=3\n", 2, 6, "appears twice"),
                new Case("a=1\n  b=2/\n", 2, 7, "empty value"),
                new Case("a=1,b=1=2\n", 1, 8, "unexpected '='"),
                new Case("a=1,,b=2\n", 1, 5, "found nothing"))) {
            QubeFormatException e = error(c.text, QubeFormat.MARS);
            String where = c.text.strip() + " -> " + e.getMessage();
            assertEquals("in.txt", e.source(), where);
            assertEquals(c.line, e.line(), where);
            assertEquals(c.column, e.column(), where);
            assertTrue(e.reason().contains(c.reason), where);
        }
    }

    @Test
    void marsWarnsOnceAboutLinesThatAreNotGroupsAndStrictRejectsThem() throws IOException {
        String text = "mars - INFO - listing\na=1\n b=2\nmars - INFO - done\n";
        List<String> warnings = new ArrayList<>();
        try (Qube q = read(text, QubeFormat.MARS, options(warnings))) {
            assertEquals(Set.of("a=1,b=2"), ids(q));
        }
        assertEquals(List.of("in.txt: skipped 2 lines that are not key=value groups (the first at line 1)"), warnings);
        var e = assertThrows(QubeFormatException.class,
                () -> read(text, QubeFormat.MARS, options(warnings).withStrict(true)));
        assertEquals(1, e.line());
        assertEquals(1, e.column());
    }

    // ------------------------------------------------------------------ detection

    @Test
    void detectionPicksTheListingFormats() throws IOException {
        assertEquals(QubeFormat.FDB, detect(data("fdb_list_porcelain.gz")));
        assertEquals(QubeFormat.FDB_COMPACT, detect(data("fdb_list_compact.gz")));
        assertEquals(QubeFormat.MARS, detect(data("mars_list.gz")));
    }

    @Test
    void detectionSeesPastLeadingFdbDiagnostics() throws IOException {
        String text = "PRE-MAIN-ERROR Socket read failed (TCPClient[port=0,options=x])\n{a=1}{b=2}\n";
        var in = new BufferedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(QubeFormat.FDB, QubeIO.detect(in, "in.txt"));
        List<String> warnings = new ArrayList<>();
        try (Qube q = read(text, null, options(warnings))) {
            assertEquals(Set.of("a=1,b=2"), ids(q));
        }
        assertEquals(List.of("in.txt: skipped 1 line that is not an identifier (the first at line 1)"), warnings);
    }
}
