package dev.qube.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import dev.qube.Selection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Each bug the fuzzer found, as the smallest input that showed it; every test failed before its fix. */
class FuzzRegressionTest {

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static QubeFormatException rejected(byte[] input, QubeFormat format) {
        return assertThrows(QubeFormatException.class,
                () -> QubeIO.read(new ByteArrayInputStream(input), "<fuzz>", format, ReadOptions.defaults()).close());
    }

    static byte[] binaryOf(String ascii) throws IOException {
        try (Qube q = Qube.parse(ascii)) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            QubeIO.write(q, QubeFormat.BINARY, b);
            return b.toByteArray();
        }
    }

    /** Sets a little-endian int of an image, then makes its length and checksum right again. */
    static byte[] patched(byte[] image, long offset, int value) {
        byte[] b = image.clone();
        MemorySegment.ofArray(b).set(LE_INT, offset, value);
        return Mutators.repairBinary(b);
    }

    // selection 'class\n1e999999' echoed its line break: the "one-line" message spanned two lines
    @Test
    void aSelectionErrorQuotingALineBreakStaysOneLine() {
        QubeFormatException e = assertThrows(QubeFormatException.class, () -> Selection.parse("class\n1e999999"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("class\\n1e999999"), e.getMessage());
        assertEquals(1, e.column());
    }

    // fdb-compact 'retrieve,date=1,expver=\u001dx' and ids '\u001c' values: a value starting or ending with
    // white space other than a space (U+001C-U+001F, form feed) lost it when its canonical ASCII was read back
    @Test
    void valuesWithWhiteSpaceAtTheirEndsSurviveTheAsciiForm() throws IOException {
        for (String value : new String[] {"\u001dx", "x\u001c", "\u2003x", "\u001f"}) {
            byte[] in = ("retrieve,date=1,expver=" + value + "\n").getBytes(StandardCharsets.UTF_8);
            try (Qube q = QubeIO.read(new ByteArrayInputStream(in), "<fuzz>", QubeFormat.FDB_COMPACT, ReadOptions.defaults());
                    Qube back = Qube.parse(q.toString())) {
                assertEquals(q, back, q.toString());
                assertTrue(back.contains(dev.qube.Identifier.of("date", "1", "expver", value)));
            }
        }
    }

    // tree-json / arena-json: NUL bytes first make Jackson read UTF-32, and its CharConversionException
    // (an IOException, not a syntax error) escaped the readers
    @Test
    void jsonThatLooksLikeUtf32IsAFormatError() {
        byte[] input = {0, 0, 0, '{', '"', 'k', 'e', 'y', '"', ':', '1', '}'};
        for (QubeFormat f : new QubeFormat[] {QubeFormat.TREE_JSON, QubeFormat.NESTED_JSON, QubeFormat.ARENA_JSON}) {
            QubeFormatException e = rejected(input, f);
            assertTrue(e.reason().startsWith("malformed JSON"), e.getMessage());
        }
    }

    // any reader: a damaged gzip stream escaped as java.util.zip.ZipException / java.io.EOFException
    @Test
    void damagedGzipIsAFormatErrorNotAnIOException() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write("class=od,param=1\nclass=od,param=2\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = b.toByteArray();
        QubeFormatException truncated = rejected(Arrays.copyOf(gz, gz.length - 6), QubeFormat.IDS);
        assertTrue(truncated.reason().startsWith("damaged gzip data"), truncated.getMessage());
        byte[] flipped = gz.clone();
        flipped[12] ^= (byte) 0xff; // inside the deflate data
        QubeFormatException damaged = rejected(flipped, null);
        assertTrue(damaged.reason().startsWith("damaged gzip data"), damaged.getMessage());
        QubeFormatException headerOnly = rejected(new byte[] {0x1f, (byte) 0x8b}, null);
        assertTrue(headerOnly.reason().startsWith("damaged gzip data"), headerOnly.getMessage());
    }

    // binary: a header claiming 2^31-1 keys made the reader allocate a 2^31-1 String array (OutOfMemoryError)
    @Test
    void aHeaderClaimingHugeTablesIsRejectedBeforeAllocating() throws IOException {
        byte[] image = binaryOf("root\n└── class=od, param=1/2\n");
        QubeFormatException keys = rejected(patched(image, 24, Integer.MAX_VALUE), QubeFormat.BINARY);
        assertEquals(25, keys.column(), keys.getMessage());
        QubeFormatException codecs = rejected(patched(image, 28, Integer.MAX_VALUE), QubeFormat.BINARY);
        assertEquals(25, codecs.column(), codecs.getMessage());
    }

    // binary: a negative file length in the header was reported at column -8918451074193423759
    @Test
    void aNegativeDeclaredLengthIsReportedAtTheLengthField() throws IOException {
        byte[] image = binaryOf("root\n└── class=od, param=1/2\n").clone();
        MemorySegment.ofArray(image).set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 16, Long.MIN_VALUE + 7);
        QubeFormatException e = rejected(image, QubeFormat.BINARY);
        assertEquals(17, e.column(), e.getMessage());
    }

    // binary: a bad reference was reported at "arena offset + the reference's value", far past the end of the file
    @Test
    void aBadReferenceIsReportedWhereTheReferenceIsStored() throws IOException {
        byte[] image = binaryOf("root\n└── class=od, param=1/2\n");
        QubeFormatException root = rejected(patched(image, 32, 0x7fff_fff0), QubeFormat.BINARY);
        assertEquals(33, root.column(), root.getMessage());
        // the root record's first child reference: the arena starts at the header's offset 48, the
        // root record is at the header's offset 32, its children at +20
        MemorySegment h = MemorySegment.ofArray(image);
        long arena = h.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 48);
        long child = arena + Integer.toUnsignedLong(h.get(LE_INT, 32)) + 20;
        QubeFormatException c = rejected(patched(image, child, 0xdead_bee0), QubeFormat.BINARY);
        assertEquals(child + 1, c.column(), c.getMessage());
        assertTrue(c.column() <= image.length, c.getMessage());
    }

    // binary: a header declaring 4 GiB over a few hundred bytes allocated (and zeroed) the declared
    // size off the heap before finding the input short: 7-13 s a case, or an OutOfMemoryError
    @Test
    void aHugeDeclaredLengthOverAShortInputIsTruncatedWithoutAllocatingIt() throws IOException {
        byte[] image = binaryOf("root\n└── class=od, param=1/2\n").clone();
        MemorySegment.ofArray(image).set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 16, 0xffff_ffffL);
        QubeFormatException e = rejected(image, QubeFormat.BINARY);
        assertTrue(e.reason().startsWith("truncated binary qube"), e.getMessage());
    }

    // nested-json: its values are member names, which Jackson's byte parser decoded without checking,
    // so invalid UTF-8 loaded as U+FFFD instead of being refused
    @Test
    void invalidUtf8InANestedJsonNameIsRefused() {
        byte[] input = {'{', '"', 'c', 'l', 'a', 's', 's', '=', (byte) 0xc3, '(', '"', ':', '{', '}', '}'};
        QubeFormatException e = rejected(input, QubeFormat.NESTED_JSON);
        assertEquals(1, e.line(), e.getMessage());
    }

    // arena-json: a reason quoting control characters was cut before they were escaped (1,324 characters)
    @Test
    void aReasonFullOfControlCharactersStaysWithinALine() {
        String reason = "unknown coordinate type 'i" + "\u007f".repeat(2000) + "'";
        QubeFormatException e = new QubeFormatException("<fuzz>", 1, 1, reason);
        assertTrue(e.getMessage().length() <= 500, e.getMessage().length() + " characters");
        assertFalse(e.getMessage().chars().anyMatch(c -> c == 0x7f), "control characters are escaped");
    }
}
