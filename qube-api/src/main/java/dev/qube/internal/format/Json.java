package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.qube.Qube;
import dev.qube.QubeFormatException;
import dev.qube.TreeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Shared plumbing of the JSON formats: one factory, positioned errors, scalar values as texts. */
final class Json {
    private Json() {
    }

    /**
     * Longest member name, in characters. A nested-json name is a whole node, its key and every
     * value ({@code date=20200101/20200102/...}): the longest in the real catalogues is 54,905
     * characters (mars_list.gz); this leaves 300 times that.
     */
    static final int MAX_NAME = 16 << 20;

    /** Longest string value (one key or value), in characters: the same bound as a whole name. */
    static final int MAX_STRING = MAX_NAME;

    /** Longest number, in characters: a value written as a JSON number (real ones have at most 12 digits). */
    static final int MAX_NUMBER = 1000;

    /** The most keys on one path the JSON readers accept: 50 times the deepest real catalogue (about 20 keys). */
    static final int MAX_KEYS = 1000;

    /**
     * JSON nesting that {@link #MAX_KEYS} keys need: tree-json nests two levels a key (the node and its
     * children array), plus the envelope, the typed values object and qubed's mixed coordinates object.
     */
    static final int MAX_NESTING = 2 * MAX_KEYS + 8;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNameLength(MAX_NAME)
            .maxStringLength(MAX_STRING)
            .maxNumberLength(MAX_NUMBER)
            .maxNestingDepth(MAX_NESTING)
            .build();

    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(LIMITS)
            .build();

    /**
     * For nested-json, whose member names are nearly all distinct and can be long: names are not
     * kept in the parser's symbol table (which would hold every one until the end of the read).
     */
    static final JsonFactory UNCANONICAL = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(LIMITS)
            .build();

    static {
        FACTORY.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        FACTORY.setStreamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                .maxNestingDepth(MAX_NESTING).build());
    }

    /**
     * Refuses, before writing anything, a qube deeper than the JSON readers accept ({@link #MAX_KEYS}):
     * never write what cannot be read back.
     */
    static void checkDepth(Qube q, String format) throws IOException {
        if (q.depth() > MAX_KEYS) {
            throw new IOException("a qube " + count(q.depth()) + " keys deep cannot be written as " + format
                    + ": the JSON readers accept at most " + count(MAX_KEYS) + " keys on one path (ascii, ids, arena-json and binary have no such limit)");
        }
    }

    static JsonParser parser(InputStream in) throws IOException {
        return FACTORY.createParser(in);
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** An error at the parser's current token. */
    static QubeFormatException error(JsonParser p, String source, String reason) {
        return error(p.currentTokenLocation(), source, reason);
    }

    static QubeFormatException error(JsonLocation at, String source, String reason) {
        return new QubeFormatException(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), reason);
    }

    private static final java.util.regex.Pattern LENGTH = java.util.regex.Pattern.compile("\\((\\d+)\\)");

    /**
     * Turns Jackson's syntax errors into one-line {@link QubeFormatException}s; a limit of
     * {@link #LIMITS} is said in our words, at the start of what passed it.
     */
    static QubeFormatException syntax(JsonProcessingException e, JsonParser p, String source) {
        if (e instanceof StreamConstraintsException && p != null) {
            return limit(e, p, source);
        }
        String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        JsonLocation at = e.getLocation() != null ? e.getLocation() : JsonLocation.NA;
        return new QubeFormatException(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()),
                "malformed JSON: " + msg.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                        .replaceAll("\\s*\\R\\s*", " "), e);
    }

    private static QubeFormatException limit(JsonProcessingException e, JsonParser p, String source) {
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        java.util.regex.Matcher m = LENGTH.matcher(msg);
        String found = m.find() ? String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(m.group(1))) : "too many";
        JsonLocation at = p.currentTokenLocation();
        String reason;
        JsonToken t = p.currentToken();
        boolean name = msg.startsWith("Name length") || msg.startsWith("String value length") && p.getParsingContext().inObject()
                && t != JsonToken.FIELD_NAME && t != JsonToken.VALUE_STRING; // parsers that do not keep names count them as strings
        if (name) {
            // the parser stands just past the closing quote of the name: step back over it
            JsonLocation now = p.currentLocation();
            long column = m.find(0) ? now.getColumnNr() - Long.parseLong(m.group(1)) - 2 : 1;
            at = new JsonLocation(null, -1, now.getLineNr(), (int) Math.max(1, column));
            reason = "a member name of " + found + " characters is longer than the " + count(MAX_NAME)
                    + " this reader accepts (a nested-json name is a node's key and all its values)";
        } else if (msg.startsWith("Document nesting depth")) {
            reason = "the JSON is nested more than " + count(MAX_NESTING) + " levels deep, the most this reader accepts (about "
                    + count(MAX_KEYS) + " keys on one path)";
        } else if (msg.startsWith("Number value length")) {
            reason = "a number of " + found + " characters is longer than the " + count(MAX_NUMBER) + " this reader accepts";
        } else if (msg.startsWith("String value length")) {
            reason = "a string of " + found + " characters is longer than the " + count(MAX_STRING) + " this reader accepts";
        } else {
            reason = "the JSON passes a limit of this reader: " + msg.replaceAll("\\s*\\(from `.*`\\)|, from `[^`]*`", "");
        }
        return new QubeFormatException(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), reason, e);
    }

    private static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private static final java.util.regex.Pattern BYTE_NO = java.util.regex.Pattern.compile("byte #(\\d+)");

    /**
     * Jackson guesses the encoding from the first bytes (UTF-8, 16 or 32); NUL bytes there make it
     * read UTF-32, whose invalid characters it reports as {@link java.io.CharConversionException}, an
     * {@link IOException} rather than a syntax error. The column is the byte offset it names plus one.
     */
    static QubeFormatException encoding(java.io.CharConversionException e, String source) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher m = BYTE_NO.matcher(msg);
        long column = m.find() ? Long.parseLong(m.group(1)) + 1 : 1;
        return new QubeFormatException(source, 1, column, "malformed JSON text (JSON is UTF-8): " + msg, e);
    }

    /** The text of a scalar value token: a string as is, a number exactly as written. */
    static String scalar(JsonParser p, String source, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            String s = p.getText();
            if (s.isEmpty()) {
                throw error(p, source, "empty " + what + ": a value must not be empty");
            }
            return s;
        }
        throw error(p, source, "expected a " + what + " (a JSON string or number), found " + describe(t));
    }

    /** Reads an array of scalar values (the parser is at START_ARRAY) into {@code into}. */
    static void scalars(JsonParser p, String source, List<String> into) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(p, source, "expected an array of values, found " + describe(p.currentToken()));
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            into.add(scalar(p, source, "value"));
        }
    }

    /** Most integers one {@code ints_text} may stand for (its {@code start:step:end} runs expanded). */
    static final int MAX_INTS_TEXT = 10_000_000;

    /**
     * Reads qubed's typed coordinates object (the parser is at its START_OBJECT and is left at its
     * END_OBJECT): {@code {"ints": [...], "floats": [...], "strings": [...], "datetimes": [...],
     * "ints_text": "1/2/3"}}, any of them, their values united. Values keep their text whichever
     * array holds them. {@code ints_text} is qubed's textual integer set: integers and
     * {@code start:step:end} runs separated by {@code /}. {@code where} prefixes error reasons.
     */
    static void coordinates(JsonParser p, String source, List<String> into, String where) throws IOException {
        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
            String type = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            JsonToken v = p.nextToken();
            switch (type) {
                case "strings", "ints", "floats", "datetimes" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw error(p, source, where + "expected \"" + type + "\" to be an array of values, found " + describe(v));
                    }
                    scalars(p, source, into);
                }
                case "ints_text" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw error(p, source, where + "expected \"ints_text\" to be a string such as \"1/2/10:2:20\", found " + describe(v));
                    }
                    intsText(p, source, into, where);
                }
                default -> throw error(at, source, where + "unknown coordinate type '" + type
                        + "' (expected ints, ints_text, floats, strings or datetimes)");
            }
        }
    }

    private static void intsText(JsonParser p, String source, List<String> into, String where) throws IOException {
        String text = p.getText();
        long total = 0;
        for (String part : text.split("/", -1)) {
            String[] run = part.split(":", -1);
            try {
                if (run.length == 1) {
                    if (!dev.qube.ValueOrder.isCanonicalInteger(part)) {
                        throw new NumberFormatException();
                    }
                    into.add(part);
                    total++;
                } else if (run.length == 3) {
                    long start = Integer.parseInt(run[0]);
                    long step = Integer.parseInt(run[1]);
                    long end = Integer.parseInt(run[2]);
                    if (step <= 0 || end < start) {
                        throw error(p, source, where + "bad run '" + part + "' in \"ints_text\": needs start:step:end with step > 0 and end >= start");
                    }
                    total += (end - start) / step + 1;
                    if (total > MAX_INTS_TEXT) {
                        throw error(p, source, where + "\"ints_text\" stands for more than " + count(MAX_INTS_TEXT)
                                + " integers, the most this reader expands");
                    }
                    for (long x = start; x <= end; x += step) {
                        into.add(Long.toString(x));
                    }
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw error(p, source, where + "expected integers or start:step:end runs separated by / in \"ints_text\", found '"
                        + (part.length() > 40 ? part.substring(0, 40) + "..." : part) + "'");
            }
        }
    }

    /**
     * A canonical integer text ({@link dev.qube.ValueOrder#isCanonicalInteger}) within qubed's 32-bit
     * integer coordinates: written as a JSON number, qubed reads it back with the same text.
     */
    static boolean isInt32(String v) {
        if (!dev.qube.ValueOrder.isCanonicalInteger(v) || v.length() > 11) {
            return false;
        }
        long x = Long.parseLong(v);
        return x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
    }

    /**
     * A decimal that qubed's float coordinates print back with the same text: a finite number with
     * a fraction and no exponent, in its shortest form ({@code 0.5}, {@code 1.0}, {@code -2.25};
     * not {@code 0.50}, {@code 1e-5}, {@code 1.0E7}). Java and qubed (Rust's shortest round-trip
     * printing) agree on these.
     */
    static boolean isQubedFloat(String v) {
        if (v.isEmpty() || v.length() > 32 || v.indexOf('.') < 0) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0)) {
                return false;
            }
        }
        try {
            return Double.toString(Double.parseDouble(v)).equals(v);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case END_OBJECT -> "'}'";
            case START_ARRAY -> "an array";
            case END_ARRAY -> "']'";
            case FIELD_NAME -> "a field name";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** Reads a whole JSON document with {@code body}; cleans up the builder and maps errors on failure. */
    static Qube read(InputStream in, String source, TreeBuilder tb, Body body) throws IOException {
        return read(FACTORY, in, source, tb, body);
    }

    /** {@link #read(InputStream, String, TreeBuilder, Body)} with parsers of {@code factory}. */
    static Qube read(JsonFactory factory, InputStream in, String source, TreeBuilder tb, Body body) throws IOException {
        JsonParser p = null;
        try {
            // nested-json's values are member names, which Jackson's byte parser decodes without checking
            // (invalid UTF-8 became U+FFFD): that format is decoded strictly first
            p = factory == UNCANONICAL ? factory.createParser(dev.qube.internal.StrictUtf8.reader(in, source))
                    : factory.createParser(in);
            body.read(p, tb);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw error(p, source, "unexpected content (" + describe(extra) + ") after the end of the document");
            }
            p.close();
            return tb.build();
        } catch (JsonProcessingException e) {
            tb.abandon();
            throw p == null ? syntax(e, null, source) : syntax(e, p, source);
        } catch (java.io.CharConversionException e) {
            tb.abandon();
            throw encoding(e, source);
        } catch (StackOverflowError e) {
            // the readers recurse once per level: a tree within the depth limit can still be too deep for
            // a thread with a small stack (1 MiB); say so, at the place, instead of failing with an Error
            tb.abandon();
            JsonLocation at = p == null ? null : p.currentLocation();
            throw new QubeFormatException(source, at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1 : Math.max(1, at.getColumnNr()),
                    "the JSON is nested too deeply for this thread's stack; read it on a thread with a larger stack (java -Xss16m)", e);
        } catch (RuntimeException | IOException | Error e) {
            tb.abandon();
            throw e;
        } finally {
            if (p != null) {
                p.close();
            }
        }
    }

    /** Reads one document into a tree builder. */
    interface Body {
        void read(JsonParser p, TreeBuilder tb) throws IOException;
    }
}
