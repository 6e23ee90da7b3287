package dev.qube;

import java.util.Locale;

/** The file formats a qube is read from and written to; see {@link QubeIO}. */
public enum QubeFormat {
    /**
     * The ASCII tree printout, read and written; a chain of single children is one line
     * ({@code root, class=od, expver=0001}). Reads {@link #ASCII_QUBED} too.
     */
    ASCII("ascii", true, true),
    /**
     * qubed's tree JSON as today's qubed writes it: {@code {"version": "1", "tree": {"key",
     * "values": {"type": "enum", "dtype", "values"}, "metadata", "children"}}}. Reads
     * {@link #TREE_JSON_PLAIN} too.
     */
    TREE_JSON("tree-json", true, true),
    /** qubed's nested JSON: {@code {"class=od": {"expver=0001/0002": {}}}}. */
    NESTED_JSON("nested-json", true, true),
    /** qubed's flat arena JSON: {@code {"version":"1","qube":[{"dim","coords","parent","children"}]}}. */
    ARENA_JSON("arena-json", true, true),
    /** {@code fdb list --porcelain}: one identifier a line as brace groups; read only. */
    FDB("fdb", true, false),
    /** The FDB compact, request-style listing ({@code retrieve,k=v1/v2,...}); read only. */
    FDB_COMPACT("fdb-compact", true, false),
    /** MARS {@code list} output: an indented tree of {@code k=v1/v2} groups; read only. */
    MARS("mars", true, false),
    /** One identifier a line, {@code k=v,k=v} in path order. */
    IDS("ids", true, true),
    /** A self-contained HTML page with a collapsible tree; write only. */
    HTML("html", false, true),
    /** This library's compact, versioned, checksummed image of a qube's arena. */
    BINARY("binary", true, true),
    /**
     * The ASCII tree with one {@code key=values} a line under {@code root} alone on the first
     * line, the shape qubed's own ASCII reader needs; read like {@link #ASCII}.
     */
    ASCII_QUBED("ascii-qubed", true, true),
    /**
     * The older qubed tree JSON, without the envelope: the root node {@code {"key": "root",
     * "values": [...], "metadata": {}, "children": [...]}} with plain value arrays; read like
     * {@link #TREE_JSON}.
     */
    TREE_JSON_PLAIN("tree-json-plain", true, true);

    private final String id;
    private final boolean readable;
    private final boolean writable;

    QubeFormat(String id, boolean readable, boolean writable) {
        this.id = id;
        this.readable = readable;
        this.writable = writable;
    }

    /** The name used on the command line ({@code tree-json}, ...). */
    public String id() {
        return id;
    }

    /** Whether this format can be read (every one but {@code html}). */
    public boolean canRead() {
        return readable;
    }

    /** Whether this format can be written (not the listings {@code fdb}, {@code fdb-compact}, {@code mars}). */
    public boolean canWrite() {
        return writable;
    }

    /**
     * Whether the format holds metadata: {@code binary}, {@code ids} and qubed's JSON shapes
     * ({@code tree-json}, {@code tree-json-plain}, {@code arena-json}; docs/METADATA.md). Writing a
     * qube with metadata in a format that cannot is an error ({@link QubeIO#write}), never a silent
     * loss; drop it first with {@link Qube#withoutMetadata()} to accept the loss.
     */
    public boolean holdsMetadata() {
        return this == BINARY || this == IDS || this == TREE_JSON || this == TREE_JSON_PLAIN || this == ARENA_JSON;
    }

    /**
     * Whether this is a line-based listing ({@code fdb}, {@code fdb-compact}, {@code mars},
     * {@code ids}): a file of it can be cut into pieces of whole lines (see {@link #canCutBefore})
     * that each read to a qube on their own, the union of which is the qube of the whole file.
     * Distributed builds rely on this.
     */
    public boolean lineBased() {
        return this == FDB || this == FDB_COMPACT || this == MARS || this == IDS;
    }

    /**
     * Whether a listing of this format may be cut just before {@code line} (one line of text,
     * without its terminator): the lines from there on read the same without the lines before.
     * Every line of {@code fdb} and {@code ids}; an unindented line of {@code mars} (a new top of
     * the tree); a request line or a new header of {@code fdb-compact}. Always false for formats
     * that are not {@link #lineBased()}.
     */
    public boolean canCutBefore(String line) {
        return switch (this) {
            case FDB, IDS -> true;
            case MARS -> !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            case FDB_COMPACT -> line.startsWith("Listing for request")
                    || (line.startsWith("retrieve,") && line.strip().length() > "retrieve,".length());
            default -> false;
        };
    }

    /**
     * The format of that name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static QubeFormat byId(String name) {
        for (QubeFormat f : values()) {
            if (f.id.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (QubeFormat f : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(f.id);
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known formats: " + known);
    }

    @Override
    public String toString() {
        return id;
    }
}
