package dev.qube.tests.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input a hostile user gives (issue 16): huge lines, invalid UTF-8, byte-order marks, texts that
 * look like syntax. Each case is a positioned error or a lossless read, never silent loss, never a
 * message longer than a line.
 */
class HostileInputTest {

    static final ReadOptions OPTIONS = ReadOptions.defaults().withArena(ByteArrayArenaProvider.NAME);

    static Qube read(byte[] bytes, QubeFormat f) throws IOException {
        return QubeIO.read(new ByteArrayInputStream(bytes), "in", f, OPTIONS);
    }

    static byte[] write(Qube q, QubeFormat f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QubeIO.write(q, f, out);
        return out.toByteArray();
    }

    static List<String> ids(Qube q) {
        List<String> out = new ArrayList<>();
        q.identifiers().forEach(i -> out.add(i.toString()));
        return out;
    }

    // ------------------------------------------------------------------ messages

    @Test
    void aHugeBadLineIsQuotedOnceAndCut() {
        String bad = "class=od," + "x".repeat(10_000_000) + "\n";
        QubeFormatException e = assertThrows(QubeFormatException.class,
                () -> read(bad.getBytes(StandardCharsets.UTF_8), QubeFormat.IDS));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters: the line was quoted whole");
        assertTrue(e.getMessage().startsWith("in:1:10: "), e.getMessage().substring(0, 40));
    }

    @Test
    void aHugeQuotedKeyIsCut() {
        String k = "k".repeat(100_000);
        String bad = "{" + k + "=1," + k + "=2}\n";
        QubeFormatException e = assertThrows(QubeFormatException.class,
                () -> read(bad.getBytes(StandardCharsets.UTF_8), QubeFormat.FDB));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
    }

    // ------------------------------------------------------------------ empty

    @Test
    void anEmptyQubeWrittenAsIdsReadsBackWithoutNamingTheFormat() throws IOException {
        try (Qube empty = Qube.builder(ByteArrayArenaProvider.NAME).build()) {
            byte[] bytes = write(empty, QubeFormat.IDS);
            assertEquals(0, bytes.length);
            try (Qube back = QubeIO.read(new ByteArrayInputStream(bytes), "in", null, OPTIONS)) {
                assertEquals(0, back.countExact().intValue());
            }
        }
        try (Qube comments = QubeIO.read(new ByteArrayInputStream("# nothing\n\n".getBytes(StandardCharsets.UTF_8)),
                "in", null, OPTIONS)) {
            assertEquals(0, comments.countExact().intValue());
        }
        assertEquals(QubeFormat.IDS, QubeIO.detect(new java.io.BufferedInputStream(new ByteArrayInputStream(new byte[0])), "in"));
    }

    static Qube of(List<Identifier> ids) {
        var b = Qube.builder(ByteArrayArenaProvider.NAME);
        ids.forEach(b::add);
        return b.build();
    }

    static Identifier id(String... kv) {
        return Identifier.of(kv);
    }

    // ------------------------------------------------------------------ silent loss

    @Test
    void aFirstKeyStartingWithHashSurvivesIds() throws IOException {
        List<Identifier> in = List.of(id("#class", "od", "p", "1"), id("#class", "rd", "p", "2"),
                id("\uFEFFk", "1"), id("#", "#"));
        try (Qube q = of(in); Qube back = read(write(q, QubeFormat.IDS), QubeFormat.IDS)) {
            assertEquals(ids(q), ids(back));
            assertEquals(4, back.countExact().intValue());
        }
    }

    static final List<QubeFormat> LINE_READERS = List.of(QubeFormat.IDS, QubeFormat.FDB, QubeFormat.FDB_COMPACT,
            QubeFormat.ASCII, QubeFormat.MARS);

    /** A small valid input of each line format whose value {@code V} is replaced by the given bytes. */
    static byte[] withValue(QubeFormat f, byte[] value) {
        String text = switch (f) {
            case IDS -> "class=od,param=1\nclass=od,param=V\n";
            case FDB -> "{class=od}{param=1}\n{class=od}{param=V}\n";
            case FDB_COMPACT -> "retrieve,class=od,param=1\nretrieve,class=od,param=V\n";
            case ASCII -> "root\n\u2514\u2500\u2500 class=od\n    \u2514\u2500\u2500 param=1/V\n";
            case MARS -> "class=od,param=1/V\n";
            default -> throw new IllegalArgumentException(f.id());
        };
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : t) {
            if (b == 'V') {
                out.writeBytes(value);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    @Test
    void invalidUtf8IsRefusedWithItsPositionByEveryLineReader() throws IOException {
        for (QubeFormat f : LINE_READERS) {
            try (Qube ok = read(withValue(f, "\u00e9".getBytes(StandardCharsets.UTF_8)), f)) {
                assertTrue(ids(ok).contains("class=od,param=\u00e9"), f.id() + ": " + ids(ok));
            }
            for (byte[] bad : new byte[][] {{(byte) 0xff}, {(byte) 0xfe}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0xc0, (byte) 0xaf}, {'a', (byte) 0x80}}) {
                byte[] input = withValue(f, bad);
                QubeFormatException e = assertThrows(QubeFormatException.class, () -> read(input, f).close(),
                        f.id() + ": invalid UTF-8 was read");
                assertTrue(e.reason().startsWith("invalid UTF-8"), f.id() + ": " + e.getMessage());
                assertTrue(e.line() >= 2 || f == QubeFormat.MARS, f.id() + ": " + e.getMessage());
                assertTrue(e.column() > 1, f.id() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aByteOrderMarkIsSkippedByEveryReader() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        for (QubeFormat f : LINE_READERS) {
            byte[] plain = withValue(f, new byte[] {'2'});
            byte[] marked = new byte[plain.length + 3];
            System.arraycopy(bom, 0, marked, 0, 3);
            System.arraycopy(plain, 0, marked, 3, plain.length);
            for (QubeFormat as : new QubeFormat[] {f, null}) {
                try (Qube a = read(plain, f); Qube b = QubeIO.read(new ByteArrayInputStream(marked), "in", as, OPTIONS)) {
                    assertEquals(ids(a), ids(b), f.id() + (as == null ? " detected" : ""));
                    assertTrue(b.contains(Identifier.of("class", "od", "param", "2")), f.id());
                }
            }
        }
    }

    @Test
    void treeJsonValuesEmptyIsAnError() {
        String json = "{\"key\": \"root\", \"values\": [\"root\"], \"children\": [{\"key\": \"class\", \"values\": [],"
                + " \"children\": [{\"key\": \"param\", \"values\": [\"1\"], \"children\": []}]}]}";
        QubeFormatException e = assertThrows(QubeFormatException.class,
                () -> read(json.getBytes(StandardCharsets.UTF_8), QubeFormat.TREE_JSON));
        assertTrue(e.reason().contains("no values"), e.getMessage());
    }

    // ------------------------------------------------------------------ limits

    /** Runs {@code body} with {@code -Dqube.lines.max=max}. */
    static void withMaxLine(int max, org.junit.jupiter.api.function.Executable body) throws Throwable {
        String old = System.getProperty("qube.lines.max");
        System.setProperty("qube.lines.max", String.valueOf(max));
        try {
            body.execute();
        } finally {
            if (old == null) {
                System.clearProperty("qube.lines.max");
            } else {
                System.setProperty("qube.lines.max", old);
            }
        }
    }

    @Test
    void aLinePastTheLimitIsAnErrorAtThatLineInEveryTextReader() throws Throwable {
        withMaxLine(100_000, () -> {
            for (QubeFormat f : LINE_READERS) {
                byte[] longValue = "7".repeat(150_000).getBytes(StandardCharsets.UTF_8);
                byte[] input = withValue(f, longValue);
                for (int threads : new int[] {1, 2}) {
                    QubeFormatException e = assertThrows(QubeFormatException.class, () -> QubeIO.read(
                            new ByteArrayInputStream(input), "in", f, OPTIONS.withThreads(threads)).close(), f.id());
                    assertTrue(e.reason().startsWith("line longer than 100000 bytes"), f.id() + ": " + e.getMessage());
                    assertEquals(f == QubeFormat.MARS ? 1 : f == QubeFormat.ASCII ? 3 : 2, e.line(), f.id() + ": " + e.getMessage());
                }
                // under the limit: read
                try (Qube q = read(withValue(f, "7".repeat(90_000).getBytes(StandardCharsets.UTF_8)), f)) {
                    assertEquals(2, q.countExact().intValue(), f.id());
                }
            }
        });
    }

    @Test
    void aWideIdsLineIsReadWhole() throws IOException {
        // N keys on one line: linear (a 3.9 MB line took 6 minutes when each key was checked against every other)
        StringBuilder line = new StringBuilder();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            line.append(i == 0 ? "" : ",").append('k').append(i).append("=v");
        }
        byte[] ids = (line + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] fdb = ("{" + line + "}\n").getBytes(StandardCharsets.UTF_8);
        for (var input : List.of(java.util.Map.entry(QubeFormat.IDS, ids), java.util.Map.entry(QubeFormat.FDB, fdb),
                java.util.Map.entry(QubeFormat.MARS, ids))) {
            try (Qube q = read(input.getValue(), input.getKey())) {
                assertEquals(1, q.countExact().intValue(), input.getKey().id());
                assertEquals(n, q.identifiers().iterator().next().size(), input.getKey().id());
            }
        }
        String dup = "k1=a," + line + "\n";
        QubeFormatException e = assertThrows(QubeFormatException.class,
                () -> read(dup.getBytes(StandardCharsets.UTF_8), QubeFormat.IDS));
        assertTrue(e.reason().contains("twice"), e.getMessage());
    }

    @Test
    void aBinaryHeaderIsCheckedBeforeTheRestIsRead() throws IOException {
        byte[] head = new byte[64];
        System.arraycopy("QUBEBIN\0".getBytes(StandardCharsets.ISO_8859_1), 0, head, 0, 8);
        head[8] = 99; // version 99
        java.io.InputStream endless = new java.io.SequenceInputStream(new ByteArrayInputStream(head), new java.io.InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read past the header of an image with a bad version");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return read();
            }
        });
        QubeFormatException e = assertThrows(QubeFormatException.class,
                () -> QubeIO.read(endless, "in", QubeFormat.BINARY, OPTIONS));
        assertTrue(e.reason().startsWith("unsupported binary qube version 99"), e.getMessage());
        assertEquals(9, e.column());
    }

    @Test
    void anIdsFileWhoseFirstKeyIsLongerThanTheSniffedBytesIsDetected() throws IOException {
        // found by the extended fuzz oracle: '=' lay past the 64 KiB read to detect the format
        try (Qube q = of(List.of(id("[".repeat(70_000), "1"), id("[".repeat(70_000), "2")));
                Qube back = QubeIO.read(new ByteArrayInputStream(write(q, QubeFormat.IDS)), "in", null, OPTIONS)) {
            assertEquals(ids(q), ids(back));
        }
    }
}
