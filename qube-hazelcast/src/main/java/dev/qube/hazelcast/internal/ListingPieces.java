package dev.qube.hazelcast.internal;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.QubeIO;
import dev.qube.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reader's share of a build: cuts listing files into pieces of about {@code pieceLines} lines
 * (where their format allows a cut) and reads the pieces of its share to qubes.
 *
 * <ul>
 * <li>An uncompressed line-based listing is split by bytes: share {@code s} of {@code n} reads only
 *     the part from byte {@code s·size/n} to byte {@code (s+1)·size/n}, each boundary moved to the
 *     next line where a cut is allowed ({@link ByteLines}).
 * <li>A gzip file cannot be entered in the middle. With at least as many gzip files as shares,
 *     each is read wholly by one share (round robin). Otherwise every share decompresses each gzip
 *     listing and parses only the pieces {@code s, s+n, s+2n, ...}, skipping the others unparsed.
 * <li>A file of a format that is not line based is one piece, read whole by one share.
 * </ul>
 * Errors name the file and the line in the whole file (for a split file, the lines before this
 * share's part are counted when an error is reported).
 */
public final class ListingPieces implements AutoCloseable {

    private final List<String> files;
    private final QubeFormat given;
    private final int pieceLines;
    private final int share;
    private final int shares;
    private final ReadOptions options;

    private int fileIndex = -1;
    private String file;
    private String source;
    private QubeFormat format;
    private ByteLines reader;      // a listing read whole (gzip, or one share)
    private ByteLines range;       // this share's part of an uncompressed listing
    private boolean carried;       // the current line of the file starts the next piece
    private byte[] piece = new byte[1 << 20];
    private long lineNo;           // lines of the current file (or part) read so far
    private long pieceIndex = -1;  // index of the last piece cut in whole-read files, over all files
    private long bytesBefore;      // this share's bytes of the files before the current one
    private final long[] stored = new long[1]; // stored bytes of the current file read so far
    private boolean whole;         // the current file is read to the end by every share

    /**
     * @param format the format of every file, or null to detect each
     * @param share which share of the pieces to read, {@code 0 <= share < shares}
     */
    public ListingPieces(List<String> files, QubeFormat format, int pieceLines, int share, int shares, boolean strict) {
        if (shares < 1 || share < 0 || share >= shares || pieceLines < 1) {
            throw new IllegalArgumentException("share " + share + " of " + shares + ", " + pieceLines + " lines a piece");
        }
        this.files = List.copyOf(files);
        this.given = format;
        this.pieceLines = pieceLines;
        this.share = share;
        this.shares = shares;
        this.options = ReadOptions.defaults().withStrict(strict).withThreads(1).withWarnings(this::warned);
    }

    // ------------------------------------------------------------------ warnings of skipped lines

    /** A reader's warning about skipped lines: source, count, what they are, first line (in the piece). */
    private static final Pattern SKIPPED = Pattern.compile("(?s)(.*): skipped (\\d+) lines? (.*) \\(the first at line (\\d+)\\)");

    private final List<String> warnings = new ArrayList<>();
    private long pieceFirstLine = 1; // line of the file (or part) where the piece being parsed starts
    private long partLinesBefore = -1; // lines of the current file before this share's part, once counted

    /**
     * Records a reader's warning as {@code file TAB count TAB first line in the file TAB what}
     * (see {@link #warnings(List, List)}); a warning of another kind as {@code file TAB 0 TAB 0 TAB text}.
     */
    private void warned(String text) {
        Matcher m = SKIPPED.matcher(text);
        if (!m.matches()) {
            warnings.add(file + "\t0\t0\t" + text);
            return;
        }
        long before = 0;
        if (partFirstByte > 0) { // this share reads a part of the file (the part may be closed already)
            if (partLinesBefore < 0) {
                try {
                    partLinesBefore = linesBefore(Path.of(file), partFirstByte);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            before = partLinesBefore;
        }
        long first = before + pieceFirstLine - 1 + Long.parseLong(m.group(4));
        warnings.add(file + "\t" + m.group(2) + "\t" + first + "\t" + m.group(3));
    }

    /** The warnings of the pieces read since the last call, as records (see {@link #warnings(List, List)}). */
    public List<String> takeWarnings() {
        if (warnings.isEmpty()) {
            return List.of();
        }
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    /**
     * The warnings a local read of {@code files} gives, from the records of every share's pieces:
     * one per file that had lines skipped, with the total count and the first line in the whole
     * file, in the order of the files; other warnings once each.
     */
    public static List<String> warnings(List<String> records, List<String> files) {
        java.util.Map<String, long[]> counts = new java.util.HashMap<>();
        java.util.Map<String, String> what = new java.util.HashMap<>();
        java.util.Set<String> others = new java.util.LinkedHashSet<>();
        for (String r : records) {
            String[] f = r.split("\t", 4);
            long n = Long.parseLong(f[1]);
            if (n == 0) {
                others.add(f[3]);
                continue;
            }
            long[] c = counts.computeIfAbsent(f[0], k -> new long[] {0, Long.MAX_VALUE});
            c[0] += n;
            c[1] = Math.min(c[1], Long.parseLong(f[2]));
            if (n > 1 || !what.containsKey(f[0])) {
                what.merge(f[0], (n > 1 ? "+" : "1") + f[3], (old, now) -> old.startsWith("+") ? old : now);
            }
        }
        List<String> out = new ArrayList<>();
        for (String file : new java.util.LinkedHashSet<>(files)) {
            long[] c = counts.get(file);
            if (c != null) {
                String w = what.get(file);
                String description = c[0] == 1 ? w.substring(1) : w.startsWith("+") ? w.substring(1) : plural(w.substring(1));
                out.add(file + ": skipped " + c[0] + (c[0] == 1 ? " line " : " lines ") + description
                        + " (the first at line " + c[1] + ")");
            }
        }
        out.addAll(others);
        return out;
    }

    /** The plural of a reader's description of one skipped line ("that is not an identifier"). */
    private static String plural(String one) {
        if (one.startsWith("that is not an ")) {
            return "that are not " + one.substring("that is not an ".length()) + "s";
        }
        if (one.startsWith("that is not a ")) {
            return "that are not " + one.substring("that is not a ".length()) + "s";
        }
        return one.startsWith("that is not ") ? "that are not " + one.substring("that is not ".length()) : one;
    }

    /** The qube of the next piece of this share, or null when every file is done. */
    public Qube next() throws IOException {
        while (true) {
            if (reader == null && range == null && !nextFile()) {
                return null;
            }
            if (reader == null && range == null) { // a whole file as one piece
                bytesBefore += whole ? stored[0] / shares : stored[0];
                stored[0] = 0;
                if (ownWhole) {
                    ownWhole = false;
                    return QubeIO.read(Path.of(file), format, options);
                }
                if (mine(++pieceIndex)) {
                    return QubeIO.read(Path.of(file), format, options);
                }
                continue;
            }
            boolean mine = range != null || ownFile || mine(++pieceIndex);
            ByteLines lines = range != null ? range : reader;
            long first = lineNo - (carried ? 1 : 0) + 1;
            if (carried) {
                lines.pushBack();
                lineNo--;
                carried = false;
            }
            int n = 0;
            int size = 0;
            boolean more;
            while ((more = read(lines))) {
                if (n >= pieceLines && lines.cutBefore()) {
                    carried = true;
                    break;
                }
                if (mine) {
                    int l = lines.length();
                    if (size + l + 1 > piece.length) {
                        long want = Math.max(2L * piece.length, (long) size + l + 1);
                        if (want > Integer.MAX_VALUE - 8) {
                            want = Math.max((long) size + l + 1, Integer.MAX_VALUE - 8); // no overflow into a negative size
                        }
                        piece = java.util.Arrays.copyOf(piece, (int) want);
                    }
                    System.arraycopy(lines.bytes(), 0, piece, size, l);
                    size += l;
                    piece[size++] = '\n';
                }
                n++;
            }
            if (!more) {
                closeFile();
            }
            if (mine && n > 0) {
                return parse(size, first);
            }
        }
    }

    /**
     * This share's part of the input bytes (as stored: compressed for gzip) read so far: its part
     * of a split file, a {@code 1/shares} part of a file every share reads. The shares' sums add up
     * to the input's size at the end.
     */
    public long bytesRead() {
        // a share reads on past the end of its part to finish its last line: those bytes are the next share's
        long current = range != null ? Math.min(range.position(), rangeEnd) - rangeStart : stored[0];
        return bytesBefore + (whole ? current / shares : current);
    }

    private long rangeStart;
    private long rangeEnd;
    private long partFirstByte = -1; // where the first line of this share's part starts

    private boolean mine(long index) {
        return index % shares == share;
    }

    private boolean read(ByteLines lines) throws IOException {
        if (!lines.next()) {
            return false;
        }
        lineNo++;
        if (range != null && partFirstByte < 0) {
            partFirstByte = range.firstLineStart;
        }
        return true;
    }

    private Qube parse(int size, long first) throws IOException {
        pieceFirstLine = first;
        try {
            return QubeIO.read(new ByteArrayInputStream(piece, 0, size), source, format, options);
        } catch (QubeFormatException e) {
            long before = partFirstByte > 0 ? linesBefore(Path.of(file), partFirstByte) : 0;
            throw new QubeFormatException(file, before + e.line() + first - 1, e.column(), e.reason(), e);
        }
    }

    /** Lines that end before byte {@code offset} (only counted when an error is reported). */
    private static long linesBefore(Path file, long offset) throws IOException {
        long lines = 0;
        long left = offset;
        byte[] b = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int n = in.read(b, 0, (int) Math.min(b.length, left));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\n') {
                        lines++;
                    }
                }
                left -= n;
            }
        }
        return lines;
    }

    /**
     * With at least as many gzip files as shares, gzip file {@code k} (in the order given) is read
     * wholly by share {@code k % shares} and skipped by the others: -1 for files not so assigned.
     */
    private int[] owners() throws IOException {
        if (owners == null) {
            owners = new int[files.size()];
            java.util.Arrays.fill(owners, -1);
            int gz = 0;
            for (String f : files) {
                gz += gzip(Path.of(f)) ? 1 : 0;
            }
            if (shares > 1 && gz >= shares) {
                int k = 0;
                for (int i = 0; i < files.size(); i++) {
                    if (gzip(Path.of(files.get(i)))) {
                        owners[i] = k++ % shares;
                    }
                }
            }
        }
        return owners;
    }

    private int[] owners;
    private boolean ownFile; // the current file is read by this share alone
    private boolean ownWhole; // ... and is not line based: one piece, this share's

    private boolean nextFile() throws IOException {
        if (++fileIndex >= files.size()) {
            return false;
        }
        int owner = owners()[fileIndex];
        if (owner >= 0 && owner != share) {
            return nextFile(); // another share's file
        }
        ownFile = owner >= 0;
        file = files.get(fileIndex);
        source = file;
        partFirstByte = -1;
        partLinesBefore = -1;
        pieceFirstLine = 1;
        Path p = Path.of(file);
        format = given != null ? given : QubeIO.detect(p);
        lineNo = 0;
        carried = false;
        stored[0] = 0;
        whole = !ownFile;
        if (!format.lineBased()) {
            stored[0] = Files.size(p);
            if (ownFile) {
                reader = null;
                range = null;
                ownWhole = true;
            }
            return true;
        }
        long size = Files.size(p);
        if (shares > 1 && !gzip(p)) {
            whole = false;
            rangeStart = share * (size / shares) + Math.min(share, size % shares);
            rangeEnd = rangeStart + size / shares + (share < size % shares ? 1 : 0);
            range = ByteLines.range(p, format, rangeStart, rangeEnd,
                    rangeStart == 0 ? p.toString() : p + " (lines counted from byte " + rangeStart + ")");
            return true;
        }
        InputStream in = new FilterInputStream(Files.newInputStream(p)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                stored[0] += Math.max(n, 0);
                return n;
            }
        };
        try {
            reader = ByteLines.whole(gzip(p) ? new java.util.zip.GZIPInputStream(in, 1 << 16) : in, format, p.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return true;
    }

    private static boolean gzip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private void closeFile() throws IOException {
        long done = bytesRead();
        try {
            if (reader != null) {
                reader.close();
            }
            if (range != null) {
                range.close();
            }
        } finally {
            reader = null;
            range = null;
            stored[0] = 0;
            bytesBefore = done;
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
        fileIndex = files.size();
    }
}
