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

    static Identifier id(String... kv) {
        return Identifier.of(kv);
    }
}
