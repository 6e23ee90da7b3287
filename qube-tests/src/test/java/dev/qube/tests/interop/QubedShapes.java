package dev.qube.tests.interop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What ECMWF's qubed 0.4 accepts, written down from its readers' documented behaviour
 * ({@code from_tree_json}, {@code from_arena_json}, {@code from_json}, {@code from_ascii}) and
 * checked strictly: a file passes when qubed reads it <em>and</em> gets back every value with the
 * same text (qubed silently drops array elements of the wrong type, truncates integers to 32 bits
 * and re-prints floats, so those count as failures here). Each check throws
 * {@link AssertionError} naming what qubed would reject or change.
 */
final class QubedShapes {
    private QubedShapes() {
    }

    /** A JSON number with its text as written. */
    record Num(String text, boolean integral) {
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(1 << 26).maxNestingDepth(100_000).build())
            .build();

    /** The document as maps (member order kept), lists, strings, {@link Num}s, booleans and null. */
    static Object parse(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new AssertionError("content after the document");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (m.put(name, value(p)) != null) {
                        throw new AssertionError("member '" + name + "' twice in one object");
                    }
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> new Num(p.getText(), true);
            case VALUE_NUMBER_FLOAT -> new Num(p.getText(), false);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new AssertionError("unexpected token " + p.currentToken());
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new AssertionError(what + " is not an object: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object o, String what) {
        if (!(o instanceof List)) {
            throw new AssertionError(what + " is not an array: " + o);
        }
        return (List<Object>) o;
    }

    /** A canonical 32-bit integer: qubed's {@code i32} prints it back with the same text. */
    private static boolean int32Text(String t) {
        if (!t.matches("-?(0|[1-9][0-9]{0,9})") || t.equals("-0")) {
            return false;
        }
        long x = Long.parseLong(t);
        return x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
    }

    /** A float qubed (Rust's shortest round-trip printing) writes back with the same text. */
    private static boolean floatText(String t) {
        return t.matches("-?[0-9]+\\.[0-9]+") && Double.toString(Double.parseDouble(t)).equals(t);
    }

    /**
     * {@code from_tree_json}: {@code {"version": "1", "tree": node}}; every node has a
     * {@code children} array; every child has a string {@code key} and a {@code values} object
     * whose {@code values} array qubed's {@code from_json_value} reads: all integers, or numbers
     * (some not integers), or all strings, not empty. Returns the texts per node, depth-first.
     */
    static List<List<String>> treeEnvelope(byte[] json) {
        Map<String, Object> doc = object(parse(json), "the document");
        if (!"1".equals(doc.get("version"))) {
            throw new AssertionError("qubed needs \"version\": \"1\" (a string), found " + doc.get("version"));
        }
        List<List<String>> out = new ArrayList<>();
        treeNode(object(doc.get("tree"), "\"tree\""), out, "root");
        return out;
    }

    private static void treeNode(Map<String, Object> node, List<List<String>> out, String path) {
        for (Object c : array(node.get("children"), "children of " + path)) {
            Map<String, Object> child = object(c, "a child of " + path);
            if (!(child.get("key") instanceof String key)) {
                throw new AssertionError("a child of " + path + " has no string key");
            }
            Map<String, Object> values = object(child.get("values"), "values of " + key);
            List<Object> vs = array(values.get("values"), "values.values of " + key);
            if (vs.isEmpty()) {
                throw new AssertionError("empty values at " + key);
            }
            boolean strings = vs.stream().allMatch(v -> v instanceof String);
            boolean numbers = vs.stream().allMatch(v -> v instanceof Num);
            if (!strings && !numbers) {
                throw new AssertionError("qubed cannot read values mixing types (or objects) at " + key + ": " + vs);
            }
            List<String> texts = new ArrayList<>();
            boolean allIntegral = numbers && vs.stream().allMatch(v -> ((Num) v).integral());
            for (Object v : vs) {
                String t = v instanceof Num n ? n.text() : (String) v;
                if (numbers && allIntegral && !int32Text(t)) {
                    throw new AssertionError("qubed truncates " + t + " to a 32-bit integer at " + key);
                }
                if (numbers && !allIntegral && !floatText(t)) {
                    throw new AssertionError("qubed re-prints the float " + t + " differently at " + key);
                }
                texts.add(t);
            }
            String dtype = String.valueOf(values.get("dtype"));
            String expected = strings ? "str" : allIntegral ? "int64" : "float64";
            if (!dtype.equals(expected)) {
                throw new AssertionError("dtype " + dtype + " where qubed writes " + expected + " at " + key);
            }
            out.add(texts);
            treeNode(child, out, path + "/" + key);
        }
    }

    /**
     * {@code from_arena_json}: {@code "version": "1"} and a {@code qube} array whose first record
     * is the root; every record has {@code dim} and {@code coords}; a parent comes before its
     * children; typed arrays hold what their name says. Returns the number of records.
     */
    static int arena(byte[] json) {
        Map<String, Object> doc = object(parse(json), "the document");
        Object version = doc.get("version");
        if (!("1".equals(version) || version instanceof Num n && n.text().equals("1"))) {
            throw new AssertionError("qubed needs version 1, found " + version);
        }
        List<Object> records = array(doc.get("qube"), "\"qube\"");
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> r = object(records.get(i), "record " + i);
            if (!(r.get("dim") instanceof String)) {
                throw new AssertionError("record " + i + " has no string dim");
            }
            if (!r.containsKey("coords")) {
                throw new AssertionError("record " + i + " has no coords");
            }
            Object parent = r.get("parent");
            if (i == 0 ? parent != null : !(parent instanceof Num n && n.integral() && Integer.parseInt(n.text()) < i)) {
                throw new AssertionError("record " + i + ": qubed needs the root first and every parent before its children, parent "
                        + parent);
            }
            Object coords = r.get("coords");
            if (i > 0) {
                Map<String, Object> typed = object(coords, "coords of record " + i);
                for (var e : typed.entrySet()) {
                    List<Object> vs = array(e.getValue(), e.getKey() + " of record " + i);
                    for (Object v : vs) {
                        boolean ok = switch (e.getKey()) {
                            case "ints" -> v instanceof Num n && n.integral() && int32Text(n.text());
                            case "floats" -> v instanceof Num n && floatText(n.text());
                            case "strings" -> v instanceof String;
                            default -> false;
                        };
                        if (!ok) {
                            throw new AssertionError("qubed drops or changes " + v + " in " + e.getKey() + " of record " + i);
                        }
                    }
                }
                if (typed.isEmpty()) {
                    throw new AssertionError("record " + i + " has no values");
                }
            }
        }
        return records.size();
    }

    /** {@code from_json}: every member name is {@code key=values}, every member value an object. */
    static void nested(byte[] json) {
        nestedObject(object(parse(json), "the document"));
    }

    private static void nestedObject(Map<String, Object> m) {
        for (var e : m.entrySet()) {
            if (e.getKey().indexOf('=') <= 0) {
                throw new AssertionError("qubed needs key=values, found '" + e.getKey() + "'");
            }
            nestedObject(object(e.getValue(), e.getKey()));
        }
    }

    /**
     * {@code from_ascii}: {@code root} alone on the first line; then a branch prefix of a multiple
     * of 4 characters and exactly one {@code key=values} (no chain {@code a=1, b=2}, which qubed
     * would read as one key with the values {@code 1, b=2}), one level deeper at most.
     */
    static int ascii(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().equals("root")) {
            throw new AssertionError("qubed needs 'root' alone on the first line, found " + (lines.isEmpty() ? "nothing" : lines.getFirst()));
        }
        int depth = 0;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            int i = 0;
            while (i < line.length() && "├└│ ─".indexOf(line.charAt(i)) >= 0) {
                i++;
            }
            if (i % 4 != 0 || i == 0) {
                throw new AssertionError("line " + (n + 1) + ": indentation of " + i + " is not a positive multiple of 4");
            }
            if (i / 4 > depth + 1) {
                throw new AssertionError("line " + (n + 1) + ": more than one level deeper than the line above");
            }
            depth = i / 4;
            String content = line.substring(i).trim();
            int eq = content.indexOf('=');
            if (eq <= 0 || content.indexOf('=', eq + 1) >= 0 || content.contains(", ")) {
                throw new AssertionError("line " + (n + 1) + ": qubed needs one key=values a line, found '" + content + "'");
            }
        }
        return lines.size();
    }
}
