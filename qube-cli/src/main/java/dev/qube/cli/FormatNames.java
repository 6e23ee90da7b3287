package dev.qube.cli;

import dev.qube.Identifier;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.Selection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters of command-line texts; a bad text is bad usage (exit 2) with a one-line reason. */
final class FormatNames {

    private FormatNames() {
    }

    private static QubeFormat byId(String name) {
        try {
            return QubeFormat.byId(name);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A format that can be read. */
    static final class Readable implements ITypeConverter<QubeFormat> {
        @Override
        public QubeFormat convert(String value) {
            QubeFormat f = byId(value);
            if (!f.canRead()) {
                throw new TypeConversionException("the " + f.id() + " format can be written but not read");
            }
            return f;
        }
    }

    /** A format that can be written. */
    static final class Writable implements ITypeConverter<QubeFormat> {
        @Override
        public QubeFormat convert(String value) {
            QubeFormat f = byId(value);
            if (!f.canWrite()) {
                throw new TypeConversionException("the " + f.id() + " format can be read but not written");
            }
            return f;
        }
    }

    /** A select mode, named in lower case as users type it ({@code relaxed}, {@code prune}, {@code strict}). */
    static final class Mode implements ITypeConverter<dev.qube.SelectMode> {
        @Override
        public dev.qube.SelectMode convert(String value) {
            for (dev.qube.SelectMode m : dev.qube.SelectMode.values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new TypeConversionException("expected relaxed, prune or strict, not '" + value + "'");
        }
    }

    /** {@code k=v1/v2,k2=v3} (see {@link Selection#parse}). */
    static final class SelectionText implements ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            try {
                return Selection.parse(value);
            } catch (QubeFormatException e) {
                throw new TypeConversionException("bad selection '" + value + "': column " + e.column() + ": " + e.reason());
            }
        }
    }

    /** {@code k=v,k2=v2} (see {@link Identifier#parse}). */
    static final class IdentifierText implements ITypeConverter<Identifier> {
        @Override
        public Identifier convert(String value) {
            try {
                return Identifier.parse(value);
            } catch (QubeFormatException e) {
                throw new TypeConversionException("bad identifier '" + value + "': column " + e.column() + ": " + e.reason());
            }
        }
    }
}
