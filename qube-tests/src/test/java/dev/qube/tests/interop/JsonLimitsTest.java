package dev.qube.tests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON readers' limits: set from what real catalogues need, and when one is passed the error
 * says which, where, in our words (never the parser library's internals).
 */
class JsonLimitsTest {

    static QubeFormatException rejected(String json, QubeFormat f) {
        return assertThrows(QubeFormatException.class, () -> QubeIO.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "<in>", f, QubedGoldenTest.OPTIONS).close());
    }

    static void ours(QubeFormatException e) {
        assertFalse(e.getMessage().contains("StreamReadConstraints") || e.getMessage().contains("maximum allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    static Identifier deep(int keys) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            pairs.add(Map.entry("k" + i, "v"));
        }
        return Identifier.of(pairs);
    }

    @Test
    void aNestedJsonNameMayBeSixteenMillionCharactersAndOneMoreIsRejectedWhereItStarts() throws IOException {
        int max = 16 << 20;
        String name = "k=" + "x".repeat(max - 2); // one value: the limit is on characters, whatever the values
        try (Qube q = QubeIO.read(new ByteArrayInputStream(("{\n  \"" + name + "\": {}}").getBytes(StandardCharsets.UTF_8)), "<in>",
                QubeFormat.NESTED_JSON, QubedGoldenTest.OPTIONS)) {
            assertEquals(1, q.count());
        }
        QubeFormatException e = rejected("{\n  \"" + name + "1\": {}}", QubeFormat.NESTED_JSON);
        ours(e);
        assertEquals(2, e.line(), e.getMessage());
        assertEquals(3, e.column(), e.getMessage());
        assertTrue(e.reason().startsWith("a member name of 16,777,217 characters is longer than the 16,777,216 this reader accepts"),
                e.getMessage());
    }

    @Test
    void aThousandKeysDeepIsWrittenAndReadInEveryJsonFormatAndDeeperIsRefusedOnBothSides() throws IOException {
        for (QubeFormat f : List.of(QubeFormat.TREE_JSON, QubeFormat.TREE_JSON_PLAIN, QubeFormat.NESTED_JSON)) {
            try (Qube q = Qube.builder(QubedGoldenTest.OPTIONS.arena()).add(deep(1000)).build()) {
                try (Qube back = QubeIO.read(new ByteArrayInputStream(QubedGoldenTest.write(q, f)), "<in>", f, QubedGoldenTest.OPTIONS)) {
                    assertEquals(q, back, f.id());
                }
            }
            try (Qube q = Qube.builder(QubedGoldenTest.OPTIONS.arena()).add(deep(1001)).build()) {
                IOException e = assertThrows(IOException.class, () -> QubeIO.write(q, f, new ByteArrayOutputStream()));
                assertTrue(e.getMessage().startsWith("a qube 1,001 keys deep cannot be written as " + f.id()), e.getMessage());
            }
        }
        // a hand-made document nested past the limit: the error names the level that passed it
        StringBuilder json = new StringBuilder("{\"key\": \"root\", \"children\": [\n");
        for (int i = 0; i < 1100; i++) {
            json.append("{\"key\": \"k").append(i).append("\", \"values\": [\"v\"], \"children\": [\n");
        }
        QubeFormatException e = rejected(json.toString(), QubeFormat.TREE_JSON);
        ours(e);
        assertEquals("the JSON is nested more than 2,008 levels deep, the most this reader accepts (about 1,000 keys on one path)",
                e.reason());
        assertEquals(1005, e.line(), e.getMessage()); // line 1 opens 2 levels, each later line 2 more
        assertEquals(1, e.column(), e.getMessage()); // the node object that passed it
    }

    @Test
    void aNestedJsonPathOfMoreThanAThousandKeysIsRejectedAtTheKeyThatPassesIt() {
        StringBuilder json = new StringBuilder("{\n");
        for (int i = 0; i <= 1000; i++) {
            json.append("\"k").append(i).append("=v\": {\n");
        }
        json.append("}".repeat(1002));
        QubeFormatException e = rejected(json.toString(), QubeFormat.NESTED_JSON);
        assertEquals("<in>:1002:12: more than 1,000 keys on one path, the most this reader accepts", e.getMessage());
        // 1,000 keys read
        StringBuilder ok = new StringBuilder("{\n");
        for (int i = 0; i < 1000; i++) {
            ok.append("\"k").append(i).append("=v\": {\n");
        }
        ok.append("}".repeat(1001));
        try (Qube q = QubeIO.read(new ByteArrayInputStream(ok.toString().getBytes(StandardCharsets.UTF_8)), "<in>", QubeFormat.NESTED_JSON,
                QubedGoldenTest.OPTIONS)) {
            assertEquals(1000, q.depth());
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }

    @Test
    void aNumberOfMoreThanAThousandDigitsIsRejectedWhereItStarts() {
        String digits = "1".repeat(1001);
        QubeFormatException e = rejected("{\"version\": \"1\", \"qube\": [\n {\"dim\": \"root\", \"coords\": null, \"parent\": null, \"children\": [1]},\n"
                + " {\"dim\": \"p\", \"coords\": {\"ints\": [" + digits + "]}, \"parent\": 0, \"children\": []}]}", QubeFormat.ARENA_JSON);
        ours(e);
        assertEquals("a number of 1,001 characters is longer than the 1,000 this reader accepts", e.reason());
        assertEquals(3, e.line());
        assertEquals(35, e.column(), e.getMessage());
        String ok = "1".repeat(1000);
        try (Qube q = QubeIO.read(new ByteArrayInputStream(("{\"p=" + ok + "\": {}}").getBytes(StandardCharsets.UTF_8)), "<in>",
                QubeFormat.NESTED_JSON, QubedGoldenTest.OPTIONS)) {
            assertEquals(1, q.count());
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }
}
