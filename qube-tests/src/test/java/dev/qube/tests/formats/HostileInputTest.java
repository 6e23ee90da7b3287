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
}
