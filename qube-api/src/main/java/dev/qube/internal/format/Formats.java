package dev.qube.internal.format;

import dev.qube.QubeFormat;
import java.util.EnumMap;
import java.util.Map;

/** The reader and writer of each format. */
public final class Formats {
    private Formats() {
    }

    private static final Map<QubeFormat, FormatReader> READERS = new EnumMap<>(QubeFormat.class);
    private static final Map<QubeFormat, FormatWriter> WRITERS = new EnumMap<>(QubeFormat.class);

    static {
        READERS.put(QubeFormat.ASCII, new AsciiFormat(false));
        WRITERS.put(QubeFormat.ASCII, new AsciiFormat(false));
        READERS.put(QubeFormat.ASCII_QUBED, new AsciiFormat(true));
        WRITERS.put(QubeFormat.ASCII_QUBED, new AsciiFormat(true));
        READERS.put(QubeFormat.IDS, new IdsFormat());
        WRITERS.put(QubeFormat.IDS, new IdsFormat());
        READERS.put(QubeFormat.FDB, new FdbFormat());
        READERS.put(QubeFormat.FDB_COMPACT, new FdbCompactFormat());
        READERS.put(QubeFormat.MARS, new MarsFormat());
        READERS.put(QubeFormat.TREE_JSON, new TreeJsonFormat(true));
        WRITERS.put(QubeFormat.TREE_JSON, new TreeJsonFormat(true));
        READERS.put(QubeFormat.TREE_JSON_PLAIN, new TreeJsonFormat(false));
        WRITERS.put(QubeFormat.TREE_JSON_PLAIN, new TreeJsonFormat(false));
        READERS.put(QubeFormat.NESTED_JSON, new NestedJsonFormat());
        WRITERS.put(QubeFormat.NESTED_JSON, new NestedJsonFormat());
        READERS.put(QubeFormat.ARENA_JSON, new ArenaJsonFormat());
        WRITERS.put(QubeFormat.ARENA_JSON, new ArenaJsonFormat());
        WRITERS.put(QubeFormat.HTML, new HtmlFormat());
        READERS.put(QubeFormat.BINARY, new BinaryFormat());
        WRITERS.put(QubeFormat.BINARY, new BinaryFormat());
    }

    /** The reader, or null when the format cannot be read (yet). */
    public static FormatReader reader(QubeFormat f) {
        return READERS.get(f);
    }

    /** The writer, or null when the format cannot be written. */
    public static FormatWriter writer(QubeFormat f) {
        return WRITERS.get(f);
    }
}
