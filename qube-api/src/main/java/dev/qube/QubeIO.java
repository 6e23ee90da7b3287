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

    /** The longest line a text reader accepts by default: 256 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 28;

    /**
     * The longest line, in bytes, that the readers of text formats accept ({@code -Dqube.lines.max=N},
     * default {@value #DEFAULT_MAX_LINE_BYTES}): a longer line is a {@link QubeFormatException} at its
     * line, not an {@code OutOfMemoryError} or an overflowing buffer. A qube's line is never that long
     * unless a file is damaged (or is not a listing at all); the ASCII form of a node with millions
     * of values comes nearest.
     */
    public static int maxLineBytes() {
        return Math.max(64, Math.min(Integer.getInteger("qube.lines.max", DEFAULT_MAX_LINE_BYTES), Integer.MAX_VALUE - 64));
    }

    /** The error for a line past {@link #maxLineBytes()}: at that line, at the column where it passed the limit. */
    public static QubeFormatException lineTooLong(String source, long line, long column) {
        return new QubeFormatException(source, line, column, "line longer than " + maxLineBytes()
                + " bytes, the limit of one line (raise it with -Dqube.lines.max=N, in QUBE_JAVA_OPTS for the command)");
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
        InputStream data = withoutBom(decompressed(new Counting(in, options), source));
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
     * whole file, from {@link #detect(Path)}). Invalid UTF-8 is a {@link QubeFormatException} at its
     * line and column; a byte-order mark is skipped. The caller closes the reader.
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
        InputStream data = withoutBom(decompressed(new Counting(in, ReadOptions.defaults()), source));
        return new java.io.BufferedReader(dev.qube.internal.StrictUtf8.reader(data, source), 1 << 16);
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
                    + String.join(", ", qube.metadataKeys()) + "); write it as binary, ids, tree-json or arena-json, or drop the metadata first"
                    + " (Qube.withoutMetadata(), qube --drop-metadata)");
        }
        w.write(qube, out);
        out.flush();
    }

    /**
     * Writes a qube to a file atomically: the file appears whole or not at all, also after a crash
     * of the machine. In detail, as {@code sort -o} and {@code cp} do:
     * <ul>
     * <li>the data goes to a temporary file in the target's directory, is forced to the disk, and is
     *     renamed over the target; the directory is forced too. A failed write leaves the target as it
     *     was, and the temporary file is removed, also when the process is stopped by SIGINT or
     *     SIGTERM (a shutdown hook);
     * <li>a new file gets the mode the umask gives ({@code 0644} under umask 022); a replaced file
     *     keeps its mode;
     * <li>a symbolic link is written through: its target is replaced, the link stays;
     * <li>an existing path that is not a regular file (a FIFO, {@code /dev/null}, a terminal, a
     *     {@code /dev/fd/N} of process substitution) is written to directly as a stream, as a shell
     *     redirection would; there is nothing to make atomic. A directory is an error.
     * </ul>
     */
    public static void write(Qube qube, QubeFormat format, Path file) throws IOException {
        Path target = throughLinks(file.toAbsolutePath());
        if (Files.isDirectory(target)) {
            throw new IOException(file + " is a directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            try (OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(target, java.nio.file.StandardOpenOption.WRITE), 1 << 16)) {
                write(qube, format, out);
            }
            return;
        }
        Path dir = target.getParent();
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = null;
        if (Files.isRegularFile(target)) {
            try {
                mode = Files.getPosixFilePermissions(target);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the new file's mode is the system's default
            }
        }
        Path tmp = dir.resolve(temporaryName(target.getFileName().toString()));
        Temporaries.add(tmp);
        try {
            // CREATE_NEW with the default mode: 0666 less the umask (Files.createTempFile would make it 0600)
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16);
                write(qube, format, out);
                out.flush();
                ch.force(true);
            }
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
            Temporaries.remove(tmp);
        }
    }

    /** {@code p} with symbolic links of its last element followed (also to a target that does not exist yet). */
    private static Path throughLinks(Path p) throws IOException {
        for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
            p = p.resolveSibling(Files.readSymbolicLink(p)).toAbsolutePath().normalize();
        }
        return p;
    }

    /**
     * A hidden temporary name beside {@code name}: {@code .NAME.RANDOM.tmp}, with NAME cut to 100
     * bytes of UTF-8 so that the temporary name stays within the 255-byte limit of a file name
     * whatever the target's length.
     */
    private static String temporaryName(String name) {
        StringBuilder b = new StringBuilder(".");
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > 100) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return b.append('.').append(Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()))
                .append(".tmp").toString();
    }

    /** Forces a directory's entries (the rename) to the disk; where a directory cannot be opened, nothing. */
    private static void forceDirectory(Path dir) {
        try (java.nio.channels.FileChannel d = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some systems cannot open a directory for reading; the rename itself is still atomic
        }
    }

    /** Temporary files being written, removed by a shutdown hook if the process is stopped (SIGINT, SIGTERM). */
    private static final class Temporaries {
        private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path p : LIVE) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // the process is ending: nothing more to do
                    }
                }
            }, "qube-remove-temporary-files"));
        }

        static void add(Path p) {
            LIVE.add(p);
        }

        static void remove(Path p) {
            LIVE.remove(p);
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
        if (head.length < SNIFF && text.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
            // nothing but blank and comment lines (an empty qube written as ids is no bytes at all):
            // an ids listing of no identifiers, so that what qube writes it reads back
            return QubeFormat.IDS;
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            char afterBrace = firstAfterWhitespace(trimmed, 1); // the sniffed text is up to 64 KiB: no copies of it
            if (trimmed.startsWith("{") && afterBrace != '"' && afterBrace != '}') {
                return QubeFormat.FDB; // {class=od,...}{...}
            }
            if (TREE_ENVELOPE.matcher(trimmed).lookingAt()) {
                return QubeFormat.TREE_JSON;
            }
            if (ARENA_START.matcher(trimmed).lookingAt()) {
                return QubeFormat.ARENA_JSON;
            }
            if (TREE_START.matcher(trimmed).lookingAt()) {
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
        // a first line longer than the sniffed bytes whose '=' lies beyond them: a listing's line too
        boolean longLine = head.length == SNIFF && text.indexOf('\n') < 0;
        if (firstLine.indexOf('=') > 0 || longLine) {
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

    private static final java.util.regex.Pattern ARENA_START = java.util.regex.Pattern.compile("\\{\\s*\"(version|qube)\"");
    private static final java.util.regex.Pattern TREE_START = java.util.regex.Pattern.compile("\\{\\s*\"(key|values|metadata|children)\"");

    /** The first character of {@code s} from {@code from} on that is not whitespace ({@link String#stripLeading}'s), or 0. */
    private static char firstAfterWhitespace(String s, int from) {
        for (int i = from; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!Character.isWhitespace(c)) {
                return s.charAt(i);
            }
            i += Character.charCount(c);
        }
        return 0;
    }

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

    /**
     * Skips a UTF-8 byte-order mark at the start, for every format: left in, it would become part of
     * the first key ({@code \uFEFFclass}) or a line the reader does not understand.
     */
    private static InputStream withoutBom(InputStream in) throws IOException {
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            return in;
        }
        in.reset();
        return in;
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
