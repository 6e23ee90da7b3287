package dev.qube.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.ReadOptions;
import dev.qube.SelectMode;
import dev.qube.Selection;
import dev.qube.reliability.fuzz.Oracle.Outcome;
import dev.qube.reliability.fuzz.Oracle.Result;
import dev.qube.reliability.fuzz.Seeds.Seed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every reader and the selection parser with mutated real and generated inputs (see
 * {@link Seeds}, {@link Mutators}, {@link Oracle}). {@code -Dqube.fuzz.cases=N} sets the total number
 * of cases, spread evenly over the nine readers and the selection parser (the build runs a small
 * share; {@code -Pfuzz} runs 110,000). {@code -Dqube.fuzz.seed=S} replays a run; each failing input
 * is saved under {@code target/fuzz-failures/} and {@code -Dqube.fuzz.replay=FILE} (with
 * {@code -Dqube.fuzz.format=ID}) runs one saved input. Outcomes go to standard output and to
 * {@code target/fuzz-report.txt}.
 */
class FuzzTest {

    static final int CASES = Integer.getInteger("qube.fuzz.cases", 2_000);
    static final long SEED = Long.getLong("qube.fuzz.seed", System.nanoTime());
    static final Path FAILURES = Path.of("target", "fuzz-failures");

    private static Map<QubeFormat, List<Seed>> seeds;
    private static Oracle oracle;
    private static final Map<String, Stats> STATS = new LinkedHashMap<>();

    /** Counts per target. */
    static final class Stats {
        long cases;
        long loaded;
        long rejected;
        long bugs;
        long maxNanos;
        long maxAllocated;
        long maxArena;
        final Map<String, Long> bugKinds = new TreeMap<>();

        void add(Result r) {
            cases++;
            if (r.bug() != null) {
                bugs++;
                bugKinds.merge(r.bug().replaceAll("[:(].*", "").trim(), 1L, Long::sum);
            } else if (r.outcome() == Outcome.LOADED) {
                loaded++;
            } else {
                rejected++;
            }
            maxNanos = Math.max(maxNanos, r.nanos());
            maxAllocated = Math.max(maxAllocated, r.allocated());
            maxArena = Math.max(maxArena, r.arenaBytes());
        }
    }

    @BeforeAll
    static void setUp() {
        seeds = Seeds.all();
        oracle = new Oracle();
    }

    @AfterAll
    static void report() throws IOException {
        oracle.close();
        StringBuilder b = new StringBuilder();
        b.append(String.format("fuzz run: seed %d, %d cases requested%n", SEED, CASES));
        b.append(String.format("%-12s %8s %8s %9s %5s %9s %11s %10s%n", "target", "cases", "loaded", "rejected", "bugs",
                "max ms", "max alloc", "max arena"));
        long total = 0;
        for (var e : STATS.entrySet()) {
            Stats s = e.getValue();
            total += s.cases;
            b.append(String.format("%-12s %8d %8d %9d %5d %9d %10dK %9dK %s%n", e.getKey(), s.cases, s.loaded, s.rejected,
                    s.bugs, s.maxNanos / 1_000_000, s.maxAllocated >> 10, s.maxArena >> 10, s.bugKinds.isEmpty() ? "" : s.bugKinds));
        }
        b.append(String.format("total %d cases%n", total));
        System.out.print(b);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-report.txt"), b.toString());
    }

    private static int share() {
        return Math.max(10, CASES / (Seeds.READABLE.size() + 1));
    }

    // ------------------------------------------------------------------ readers

    @Test
    void ascii() {
        fuzzReader(QubeFormat.ASCII);
    }

    @Test
    void ids() {
        fuzzReader(QubeFormat.IDS);
    }

    @Test
    void treeJson() {
        fuzzReader(QubeFormat.TREE_JSON);
    }

    @Test
    void nestedJson() {
        fuzzReader(QubeFormat.NESTED_JSON);
    }

    @Test
    void arenaJson() {
        fuzzReader(QubeFormat.ARENA_JSON);
    }

    @Test
    void fdb() {
        fuzzReader(QubeFormat.FDB);
    }

    @Test
    void fdbCompact() {
        fuzzReader(QubeFormat.FDB_COMPACT);
    }

    @Test
    void mars() {
        fuzzReader(QubeFormat.MARS);
    }

    @Test
    void binary() {
        fuzzReader(QubeFormat.BINARY);
    }

    /** Runs a saved input: {@code -Dqube.fuzz.replay=FILE -Dqube.fuzz.format=ID}. */
    @Test
    void replay() throws IOException {
        String file = System.getProperty("qube.fuzz.replay");
        if (file == null) {
            return;
        }
        String id = System.getProperty("qube.fuzz.format");
        QubeFormat f = id == null || id.equals("detect") ? null : QubeFormat.byId(id);
        Result r = oracle.read(Files.readAllBytes(Path.of(file)), f, Seeds.quiet());
        if (r.bug() != null) {
            throw new AssertionError(r.bug(), r.cause());
        }
        System.out.println("replay of " + file + ": " + r.outcome() + (r.cause() != null ? " (" + r.cause().getMessage() + ")" : ""));
    }

    private void fuzzReader(QubeFormat format) {
        List<Seed> pool = seeds.get(format);
        assertFalse(pool.isEmpty(), "no seeds for " + format);
        List<Seed> all = seeds.values().stream().flatMap(List::stream).toList();
        Stats stats = STATS.computeIfAbsent(format.id(), k -> new Stats());
        SplittableRandom base = new SplittableRandom(SEED ^ format.ordinal() * 0x9E3779B97F4A7C15L);
        List<String> bugs = new ArrayList<>();
        boolean binary = format == QubeFormat.BINARY;
        for (int i = 0; i < share(); i++) {
            long caseSeed = base.nextLong();
            SplittableRandom r = new SplittableRandom(caseSeed);
            Seed seed = pool.get(r.nextInt(pool.size()));
            List<Seed> donors = r.nextInt(4) == 0 ? all : pool; // splices mostly within the format
            byte[] other = donors.get(r.nextInt(donors.size())).bytes();
            byte[] input = seed.bytes();
            List<Mutators.Named> ops = binary ? Mutators.BINARY : Mutators.TEXT;
            int rounds = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 1 : 4);
            StringBuilder how = new StringBuilder(seed.name());
            for (int m = 0; m < rounds; m++) {
                Mutators.Named op = ops.get(r.nextInt(ops.size()));
                input = op.m().apply(r, input, other);
                how.append(" +").append(op.name());
            }
            if (binary && r.nextInt(10) < 7) {
                input = Mutators.repairBinary(input);
                how.append(" +repair");
            }
            if (r.nextInt(20) == 0) {
                input = gzip(input);
                if (r.nextBoolean()) {
                    input = Mutators.TEXT.get(r.nextInt(5)).m().apply(r, input, other); // damage the compressed stream
                    how.append(" +gzip(damaged)");
                } else {
                    how.append(" +gzip");
                }
            }
            QubeFormat asked = r.nextInt(5) == 0 ? null : format;
            ReadOptions options = Seeds.quiet().withStrict(r.nextInt(4) == 0);
            Result res = oracle.read(input, asked, options);
            stats.add(res);
            if (res.bug() != null) {
                String where = save(format.id(), caseSeed, input);
                String msg = format.id() + " case " + i + " (" + how + ", read as " + (asked == null ? "detect" : asked.id())
                        + ", strict " + options.strict() + "): " + res.bug() + "\n    input saved to " + where
                        + "; replay: -Dqube.fuzz.replay=" + where + " -Dqube.fuzz.format=" + (asked == null ? "detect" : asked.id());
                System.out.println("FUZZ BUG " + msg);
                if (res.cause() != null) {
                    res.cause().printStackTrace(System.out);
                }
                bugs.add(msg);
            }
        }
        if (!bugs.isEmpty()) {
            fail(bugs.size() + " bugs in " + share() + " cases of " + format.id() + " (run seed " + SEED
                    + ", replay the run with -Dqube.fuzz.seed=" + SEED + "):\n  " + String.join("\n  ", bugs.subList(0, Math.min(10, bugs.size()))));
        }
    }

    // ------------------------------------------------------------------ selection parser

    private static final List<String> SELECTIONS = List.of("class=od,param=1/2", "class=rd,param=1/3",
            "date=20240101/to/20240131,step=0/to/240/by/6,levelist=1/to/137,expver=*",
            "date=1940-01-01/to/1940-01-31/by/2,time=0000/to/1800/by/6,param=1/to/10/167", "k9999=2", "a\\,b=c\\/d",
            "time=00:00/to/23:00/by/0030", "date=20240130/to/20240203/by/2", "step=1/TO/10/BY/3", "x=t\\o");

    private static final List<String> TOKENS = List.of("k", "class", "date", "param", "time", "=", ",", "/", "\\", "*", "to",
            "by", "TO", "1", "0", "-1", "01", "20240101", "20241231", "1940-01-01", "0000", "1800", "00:30", "23:59:59",
            "2147483648", "99999999999999999999", "-9223372036854775808", "1e999999", " ", "\0", "é", "\uD800", "\uFFFF",
            "/to/", "/by/", "==", ",,", "//", "\n", "3/to/1", "1/to/abc", "by/0");

    @Test
    void selectionParser() {
        Stats stats = STATS.computeIfAbsent("selection", k -> new Stats());
        SplittableRandom base = new SplittableRandom(SEED ^ 0x5E1EC7L);
        List<String> bugs = new ArrayList<>();
        try (Qube target = Qube.parse("""
                root
                ├── class=od, date=20240101/20240102/20240131, param=1/2/167, step=0/6/12
                └── class=rd, time=0000/0600/1800, levelist=1/137
                """)) {
            for (int i = 0; i < share(); i++) {
                long caseSeed = base.nextLong();
                String text = selectionText(new SplittableRandom(caseSeed));
                Result res = oracle.judge(text.length(), () -> {
                    Selection s = Selection.parse(text);
                    for (SelectMode mode : SelectMode.values()) {
                        try (Qube q = target.select(s, mode)) {
                            q.count();
                        }
                    }
                    s.accepts("date", "20240115");
                    return new Oracle.Loaded(0, null);
                }, -1);
                if (res.bug() == null && res.cause() instanceof QubeFormatException e) {
                    String bad = !e.source().equals("<selection>") || e.line() != 1 || e.column() > text.length() + 1
                            ? "selection error at a position outside the text: " + e.getMessage() : null;
                    res = bad == null ? res : new Result(res.outcome(), bad, e, res.nanos(), res.allocated(), 0);
                }
                stats.add(res);
                if (res.bug() != null) {
                    String where = save("selection", caseSeed, text.getBytes(StandardCharsets.UTF_8));
                    String msg = "selection '" + text.replace("\n", "\\n") + "': " + res.bug() + " (saved to " + where + ")";
                    System.out.println("FUZZ BUG " + msg);
                    if (res.cause() != null) {
                        res.cause().printStackTrace(System.out);
                    }
                    bugs.add(msg);
                }
            }
        }
        if (!bugs.isEmpty()) {
            fail(bugs.size() + " bugs in the selection parser (run seed " + SEED + "):\n  "
                    + String.join("\n  ", bugs.subList(0, Math.min(10, bugs.size()))));
        }
    }

    private static String selectionText(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append(SELECTIONS.get(r.nextInt(SELECTIONS.size())));
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits && b.length() > 0; e++) {
                int at = r.nextInt(b.length() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> b.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
                    case 1 -> b.delete(Math.min(at, b.length() - 1), Math.min(b.length(), at + 1 + r.nextInt(4)));
                    default -> b.setCharAt(Math.min(at, b.length() - 1), (char) r.nextInt(0x80));
                }
            }
        } else {
            int n = r.nextInt(24);
            for (int t = 0; t < n; t++) {
                b.append(TOKENS.get(r.nextInt(TOKENS.size())));
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] gzip(byte[] in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static String save(String target, long caseSeed, byte[] input) {
        try {
            Files.createDirectories(FAILURES);
            Path p = FAILURES.resolve(target + "-" + Long.toHexString(caseSeed) + ".bin");
            Files.write(p, input);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
