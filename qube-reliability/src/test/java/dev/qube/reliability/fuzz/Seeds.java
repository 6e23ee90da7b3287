package dev.qube.reliability.fuzz;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.tests.QubeArbitraries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The inputs the fuzzer mutates, per format: small slices of the real catalogues of
 * {@code -Dqube.data} (the listings cut to their first lines, the JSON catalogues cut to their first
 * identifiers and written back in every writable format, the qubed arena JSON file whole), and
 * generated qubes written in every writable format, some with values the codecs of
 * {@code qube-values} encode (integers, dates, times, floats), so binary images carry every codec.
 * Formats that cannot be written (fdb, fdb-compact, mars) get generated listings in their syntax.
 */
final class Seeds {
    private Seeds() {
    }

    record Seed(QubeFormat format, String name, byte[] bytes) {
    }

    static final List<QubeFormat> READABLE = List.of(QubeFormat.ASCII, QubeFormat.IDS, QubeFormat.TREE_JSON,
            QubeFormat.NESTED_JSON, QubeFormat.ARENA_JSON, QubeFormat.FDB, QubeFormat.FDB_COMPACT, QubeFormat.MARS,
            QubeFormat.BINARY);

    private static final List<QubeFormat> WRITABLE = List.of(QubeFormat.ASCII, QubeFormat.IDS, QubeFormat.TREE_JSON,
            QubeFormat.NESTED_JSON, QubeFormat.ARENA_JSON, QubeFormat.BINARY);

    static Map<QubeFormat, List<Seed>> all() {
        Map<QubeFormat, List<Seed>> out = new EnumMap<>(QubeFormat.class);
        READABLE.forEach(f -> out.put(f, new ArrayList<>()));
        Path data = Path.of(System.getProperty("qube.data", "../shared/data"));
        if (Files.isDirectory(data)) {
            real(data, out);
        }
        generated(out);
        return out;
    }

    // ------------------------------------------------------------------ real data

    private static void real(Path data, Map<QubeFormat, List<Seed>> out) {
        List<String> porcelain = lines(data.resolve("fdb_list_porcelain.gz"));
        if (!porcelain.isEmpty()) {
            List<String> slice = new ArrayList<>(porcelain.subList(0, Math.min(40, porcelain.size())));
            porcelain.stream().filter(l -> l.startsWith("PRE-MAIN")).limit(2).forEach(l -> slice.add(20, l));
            add(out, QubeFormat.FDB, "fdb_list_porcelain[0:40]", String.join("\n", slice) + "\n");
            try (Qube q = QubeIO.read(new java.io.ByteArrayInputStream(String.join("\n", porcelain.subList(0, 200))
                    .getBytes(StandardCharsets.UTF_8)), "porcelain", QubeFormat.FDB, quiet())) {
                writeAll(out, "fdb_list_porcelain[0:200]", q);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> compact = lines(data.resolve("fdb_list_compact.gz"));
        if (!compact.isEmpty()) {
            add(out, QubeFormat.FDB_COMPACT, "fdb_list_compact", String.join("\n", compact) + "\n");
        }
        List<String> mars = lines(data.resolve("mars_list.gz"));
        if (!mars.isEmpty()) {
            // the real lines are long (hundreds of params); keep the first 30 lines, values cut to 12 each
            StringBuilder b = new StringBuilder();
            for (String l : mars.subList(0, Math.min(30, mars.size()))) {
                b.append(cutValues(l, 12)).append('\n');
            }
            add(out, QubeFormat.MARS, "mars_list[0:30]", b.toString());
        }
        for (String json : List.of("od.json", "climate_dt.json", "extremes_dt.json", "climate_dt_large.json.gz",
                "climate_dt_old_schema.json.gz")) {
            Path p = data.resolve(json);
            if (Files.exists(p)) {
                try (Qube whole = QubeIO.read(p); Qube part = first(whole, 60)) {
                    writeAll(out, json + "[first 60 ids]", part);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Path arena = data.resolve("oper_fdb.arena.json");
        if (Files.exists(arena)) {
            try {
                out.get(QubeFormat.ARENA_JSON).add(new Seed(QubeFormat.ARENA_JSON, "oper_fdb.arena.json", Files.readAllBytes(arena)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path od = data.resolve("od.json");
        if (Files.exists(od)) {
            // qubed's own writing style, cut to its first 6 KB and closed: mostly malformed, which is fine
            try {
                byte[] all = Files.readAllBytes(od);
                out.get(QubeFormat.TREE_JSON).add(new Seed(QubeFormat.TREE_JSON, "od.json[0:6000]",
                        java.util.Arrays.copyOf(all, Math.min(6000, all.length))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String cutValues(String line, int max) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            b.append(' ');
            i++;
        }
        String[] groups = line.substring(i).split(",");
        for (int g = 0; g < groups.length; g++) {
            String[] vs = groups[g].split("/");
            b.append(g == 0 ? "" : ",").append(String.join("/", java.util.Arrays.asList(vs).subList(0, Math.min(max, vs.length))));
        }
        return b.toString();
    }

    private static Qube first(Qube whole, int n) {
        var b = Qube.builder();
        whole.identifiers().limit(n).forEach(b::add);
        return b.build();
    }

    private static List<String> lines(Path gz) {
        if (!Files.exists(gz)) {
            return List.of();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ generated

    private static void generated(Map<QubeFormat, List<Seed>> out) {
        SplittableRandom r = new SplittableRandom(20261122L);
        var gen = QubeArbitraries.identifierSets();
        for (int i = 0; i < 12; i++) {
            List<Identifier> ids = gen.next(r.split(), 4 + 3 * i);
            try (Qube q = Qube.of(ids)) {
                writeAll(out, "generated-" + i, q);
                listings(out, "generated-" + i, ids);
            }
        }
        // metadata in every format that holds it (qubed's JSON shapes, ids tails, binary version 3)
        for (int i = 0; i < 4; i++) {
            SplittableRandom mr = r.split();
            List<Identifier> ids = gen.next(mr, 6 + 4 * i);
            dev.qube.QubeBuilder b = Qube.builder();
            for (Identifier id : ids) {
                b.add(id, dev.qube.Metadata.of(java.util.Map.of("location", List.of(mr.nextBoolean() ? "lumi" : "mn5"),
                        "offset", List.of(String.valueOf(mr.nextInt(i == 3 ? 1 : 1_000_000))))));
            }
            try (Qube q = b.build()) {
                writeAll(out, "metadata-" + i, q);
            }
        }
        for (int i = 0; i < 6; i++) {
            List<Identifier> ids = hostile(r.split(), 4 + 4 * i);
            try (Qube q = Qube.of(ids)) {
                writeAll(out, "hostile-" + i, q);
                listings(out, "hostile-" + i, ids);
            }
        }
        // one large input per format (about a megabyte of ids): limits and costs that a few KB never reach
        List<Identifier> large = new ArrayList<>();
        SplittableRandom lr = r.split();
        for (int i = 0; i < 8_000; i++) {
            large.add(Identifier.of("class", "od", "date", String.valueOf(20240101 + lr.nextInt(300)), "param",
                    String.valueOf(lr.nextInt(100_000)), "step", String.valueOf(i), "text", HOSTILE.get(lr.nextInt(HOSTILE.size()))
                            + "x".repeat(lr.nextInt(60))));
        }
        try (Qube q = Qube.of(large)) {
            writeAll(out, "large", q);
        }
        for (int i = 0; i < 6; i++) {
            List<Identifier> ids = typed(r.split(), 5 + 4 * i);
            try (Qube q = Qube.of(ids)) {
                writeAll(out, "typed-" + i, q);
                listings(out, "typed-" + i, ids);
            }
        }
    }

    /** Texts a hostile user puts in keys and values: syntax of every format, a byte-order mark, emoji, line breaks. */
    static final List<String> HOSTILE = List.of("#", "#k", "\uFEFF", "\uFEFFk", "\\", "=", ",", "/", "a/b", "c,d", "k=v",
            "\ud83d\ude00", " sp", "sp ", "a\nb", "{", "}", "[", "\"q\"", "root", "retrieve", "Listing for request",
            "PRE-MAIN-x", "\u2514\u2500\u2500 k", "\u00e9", "\ufffd");

    /** Identifiers whose keys and values are hostile texts, now and then a long one. */
    private static List<Identifier> hostile(SplittableRandom r, int n) {
        java.util.LinkedHashSet<Identifier> ids = new java.util.LinkedHashSet<>();
        List<String> keys = List.of(HOSTILE.get(r.nextInt(HOSTILE.size())), "class", HOSTILE.get(r.nextInt(HOSTILE.size())));
        for (int i = 0; i < n; i++) {
            List<String> kv = new ArrayList<>();
            java.util.Set<String> used = new java.util.HashSet<>();
            for (String k : keys) {
                if (used.add(k)) {
                    String v = HOSTILE.get(r.nextInt(HOSTILE.size()));
                    kv.add(k);
                    kv.add(r.nextInt(10) == 0 ? v + "v".repeat(r.nextInt(3_000)) : v);
                }
            }
            ids.add(Identifier.of(kv.toArray(String[]::new)));
        }
        return new ArrayList<>(ids);
    }

    /** Identifiers whose values the codecs of qube-values encode: integers, runs, dates, times, floats. */
    private static List<Identifier> typed(SplittableRandom r, int n) {
        List<Identifier> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int day = 1 + r.nextInt(28);
            ids.add(Identifier.of("class", r.nextBoolean() ? "od" : "rd",
                    "date", String.format("2024%02d%02d", 1 + r.nextInt(12), day),
                    "time", String.format("%02d00", 6 * r.nextInt(4)),
                    "levelist", Integer.toString(1 + r.nextInt(137)),
                    "param", Integer.toString(r.nextInt(3) == 0 ? 228000 + r.nextInt(300) : 1 + r.nextInt(260)),
                    "step", r.nextBoolean() ? Integer.toString(6 * r.nextInt(40)) : Double.toString(r.nextInt(8) / 4.0)));
        }
        return ids;
    }

    /** The listing formats, written by hand from identifiers. */
    private static void listings(Map<QubeFormat, List<Seed>> out, String name, List<Identifier> ids) {
        StringBuilder fdb = new StringBuilder();
        StringBuilder compact = new StringBuilder("Listing for request\n");
        StringBuilder mars = new StringBuilder();
        for (Identifier id : ids) {
            int n = id.size();
            int cut1 = Math.max(1, n / 3);
            int cut2 = Math.max(cut1, 2 * n / 3);
            fdb.append('{').append(pairs(id, 0, cut1, ',')).append("}{").append(pairs(id, cut1, cut2, ','))
                    .append("}{").append(pairs(id, cut2, n, ',')).append("}\n");
            compact.append("retrieve,").append(pairs(id, 0, n, ',')).append('\n');
            for (int i = 0; i < n; i++) {
                mars.append(" ".repeat(i)).append(pairs(id, i, i + 1, ',')).append('\n');
            }
        }
        add(out, QubeFormat.FDB, name, fdb.toString());
        add(out, QubeFormat.FDB_COMPACT, name, compact.toString());
        add(out, QubeFormat.MARS, name, mars.toString());
    }

    private static String pairs(Identifier id, int from, int to, char sep) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(i == from ? "" : String.valueOf(sep)).append(escape(id.key(i))).append('=').append(escape(id.value(i)));
        }
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == ',' || c == '/' || c == '=') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static void writeAll(Map<QubeFormat, List<Seed>> out, String name, Qube q) {
        for (QubeFormat f : WRITABLE) {
            if (q.hasMetadata() && !f.holdsMetadata()) {
                continue;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                QubeIO.write(q, f, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.get(f).add(new Seed(f, name, b.toByteArray()));
        }
    }

    private static void add(Map<QubeFormat, List<Seed>> out, QubeFormat f, String name, String text) {
        out.get(f).add(new Seed(f, name, text.getBytes(StandardCharsets.UTF_8)));
    }

    static ReadOptions quiet() {
        return ReadOptions.defaults().withWarnings(w -> { });
    }
}
