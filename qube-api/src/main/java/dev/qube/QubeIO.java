package dev.qube;

import dev.qube.internal.format.FormatReader;
import dev.qube.internal.format.FormatWriter;
import dev.qube.internal.format.Formats;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Reading and writing qubes in the formats of {@link QubeFormat}. Gzip input is decompressed
 * transparently; the format is detected from the content unless given. Files are written
 * atomically (a temporary file in the same directory, then a rename), so a failed write never
 * leaves a half-written file behind.
 */
public final class QubeIO {

    private static final int SNIFF = 1 << 16;

    private QubeIO() {
    }

    /** Reads a file, detecting its format. */
    public static Qube read(Path file) throws IOException {
        return read(file, null, ReadOptions.defaults());
    }

    /**
     * Reads a file.
     *
     * @param format the format, or null to detect it from the content
     * @throws QubeFormatException on malformed input, naming file, line and column
     */
    public static Qube read(Path file, QubeFormat format, ReadOptions options) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), format, options);
        }
    }

    /** Reads a stream (gzip or not); {@code source} names it in errors. The caller closes {@code in}. */
    public static Qube read(InputStream in, String source, QubeFormat format, ReadOptions options) throws IOException {
        InputStream data = decompressed(new Counting(in, options), source);
        QubeFormat f = format != null ? format : detect(data, source);
        if (!f.canRead()) {
            throw new IllegalArgumentException("the " + f.id() + " format can be written but not read");
        }
        FormatReader r = Formats.reader(f);
        if (r == null) {
            throw new IllegalArgumentException("no reader is installed for the " + f.id() + " format");
        }
        return r.read(data, source, options);
    }

    /**
     * The text of a file as lines, gzip decompressed transparently, in UTF-8: the way to cut a
     * {@linkplain QubeFormat#lineBased() line-based} listing into pieces that are read on their
     * own (with {@link #read(InputStream, String, QubeFormat, ReadOptions)} and the format of the
     * whole file, from {@link #detect(Path)}). The caller closes the reader.
     */
    public static java.io.BufferedReader readLines(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return readLines(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** {@link #readLines(Path)} of a stream (gzip or not); {@code source} names it in errors. Closing the reader closes {@code in}. */
    public static java.io.BufferedReader readLines(InputStream in, String source) throws IOException {
        InputStream data = decompressed(new Counting(in, ReadOptions.defaults()), source);
        return new java.io.BufferedReader(new java.io.InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The format of a file (gzip or not), detected from its first bytes.
     *
     * @throws QubeFormatException when no format fits
     */
    public static QubeFormat detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return detect(decompressed(new Counting(in, ReadOptions.defaults()), file.toString()), file.toString());
        }
    }

    /** Whether a reader of {@code format} is installed. */
    public static boolean canRead(QubeFormat format) {
        return format.canRead() && Formats.reader(format) != null;
    }

    /** Whether a writer of {@code format} is installed. */
    public static boolean canWrite(QubeFormat format) {
        return format.canWrite() && Formats.writer(format) != null;
    }

    /**
     * Writes a qube to a stream; the caller closes {@code out}.
     *
     * @throws IllegalArgumentException if the format cannot be written, or cannot hold the qube's
     *     metadata ({@link QubeFormat#holdsMetadata()}): nothing is written then
     */
    public static void write(Qube qube, QubeFormat format, OutputStream out) throws IOException {
        if (!format.canWrite()) {
            throw new IllegalArgumentException("the " + format.id() + " format can be read but not written");
        }
        FormatWriter w = Formats.writer(format);
        if (w == null) {
            throw new IllegalArgumentException("no writer is installed for the " + format.id() + " format");
        }
        if (!format.holdsMetadata() && qube.hasMetadata()) {
            throw new IllegalArgumentException("the " + format.id() + " format cannot hold metadata, and this qube has some ("
                    + String.join(", ", qube.metadataKeys()) + "); write it as binary or ids, or drop the metadata first"
                    + " (Qube.withoutMetadata(), qube --drop-metadata)");
        }
        w.write(qube, out);
        out.flush();
    }

    /** Writes a qube to a file atomically: the file appears whole or not at all. */
    public static void write(Qube qube, QubeFormat format, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                write(qube, format, out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Detects the format of a (decompressed) stream from its first bytes without consuming them.
     *
     * @throws QubeFormatException when no format fits
     */
    public static QubeFormat detect(InputStream in, String source) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detect needs a stream that supports mark/reset");
        }
        in.mark(SNIFF);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        return detect(head, source);
    }

    static QubeFormat detect(byte[] head, String source) {
        if (startsWith(head, BINARY_MAGIC)) {
            return QubeFormat.BINARY;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // the fdb client may print its diagnostics before the first identifier
        while (text.startsWith("PRE-MAIN-") && text.indexOf('\n') >= 0) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            throw new QubeFormatException(source, 1, 1, "empty input: cannot tell its format");
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            String afterBrace = trimmed.substring(1).stripLeading();
            if (trimmed.startsWith("{") && !afterBrace.startsWith("\"") && !afterBrace.startsWith("}")) {
                return QubeFormat.FDB; // {class=od,...}{...}
            }
            if (TREE_ENVELOPE.matcher(trimmed).lookingAt()) {
                return QubeFormat.TREE_JSON;
            }
            if (trimmed.matches("(?s)\\{\\s*\"(version|qube)\".*")) {
                return QubeFormat.ARENA_JSON;
            }
            if (trimmed.matches("(?s)\\{\\s*\"(key|values|metadata|children)\".*")) {
                return QubeFormat.TREE_JSON;
            }
            return QubeFormat.NESTED_JSON;
        }
        if (trimmed.startsWith("retrieve,") || trimmed.startsWith("Listing for request")) {
            return QubeFormat.FDB_COMPACT;
        }
        String firstLine = trimmed.lines().findFirst().orElse("");
        if (firstLine.equals("root") || firstLine.startsWith("root,")) {
            return QubeFormat.ASCII;
        }
        if (firstLine.indexOf('=') > 0) {
            boolean indented = text.lines().limit(200).anyMatch(l -> !l.isEmpty() && Character.isWhitespace(l.charAt(0)));
            // ids lines may end in a tab and metadata (location=lumi/mn5): only the identifier part tells
            boolean slashes = text.lines().limit(200).anyMatch(l -> hasUnescapedSlash(l.indexOf('\t') < 0 ? l : l.substring(0, l.indexOf('\t'))));
            return indented || slashes ? QubeFormat.MARS : QubeFormat.IDS;
        }
        throw new QubeFormatException(source, 1, 1,
                "cannot tell the format of this input (first line: '" + abbreviate(firstLine) + "'); name it with --from");
    }

    /**
     * Today's tree JSON envelope: {@code "tree"} first (qubed writes members in alphabetical order),
     * or right after a short {@code "version"}; any other envelope starting with {@code "version"} is
     * taken for arena JSON, whose reader then says what is missing.
     */
    private static final java.util.regex.Pattern TREE_ENVELOPE = java.util.regex.Pattern.compile(
            "\\{\\s*(\"version\"\\s*:\\s*(\"[^\"\\\\]{0,40}\"|[-+.0-9eE]{1,40})\\s*,\\s*)?\"tree\"\\s*:");

    private static boolean hasUnescapedSlash(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '/') {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The magic bytes that open every {@link QubeFormat#BINARY} file. */
    static final byte[] BINARY_MAGIC = {'Q', 'U', 'B', 'E', 'B', 'I', 'N', 0};

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InputStream decompressed(Counting in, String source) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, SNIFF);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        if (m1 == 0x1f && m2 == 0x8b) {
            try {
                return new BufferedInputStream(new Gunzip(b, in, source), SNIFF);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw damagedGzip(source, in, e);
            }
        }
        return b;
    }

    /** Damaged or truncated gzip data; the column is the compressed byte offset reached plus one. */
    private static QubeFormatException damagedGzip(String source, Counting in, IOException e) {
        return new QubeFormatException(source, 1, in.count + 1, "damaged gzip data: "
                + (e.getMessage() != null ? e.getMessage() : "unexpected end of the compressed stream"), e);
    }

    /** Gzip decompression whose data errors are {@link QubeFormatException}s, like every other malformed input. */
    private static final class Gunzip extends GZIPInputStream {
        private final Counting counted;
        private final String source;

        Gunzip(InputStream in, Counting counted, String source) throws IOException {
            super(in, 1 << 16);
            this.counted = counted;
            this.source = source;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                return super.read(buf, off, len);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw damagedGzip(source, counted, e);
            }
        }
    }

    /** Reports bytes read to the progress callback about every 64 KiB. */
    private static final class Counting extends FilterInputStream {
        private final ReadOptions options;
        private long count;
        private long reported;

        Counting(InputStream in, ReadOptions options) {
            super(in);
            this.options = options;
        }

        private void add(long n) {
            if (n > 0) {
                count += n;
                if (count - reported >= 1 << 16) {
                    reported = count;
                    options.progress().accept(count);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            add(c >= 0 ? 1 : 0);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            add(s);
            return s;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
