package dev.qube.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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

    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    static {
        FACTORY.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
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

    /** Turns Jackson's syntax errors into one-line {@link QubeFormatException}s. */
    static QubeFormatException syntax(JsonProcessingException e, String source) {
        String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        JsonLocation at = e.getLocation() != null ? e.getLocation() : JsonLocation.NA;
        return new QubeFormatException(source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()),
                "malformed JSON: " + msg.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                        .replaceAll("\\s*\\R\\s*", " "), e);
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
        try (JsonParser p = parser(in)) {
            body.read(p, tb);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw error(p, source, "unexpected content (" + describe(extra) + ") after the end of the document");
            }
            return tb.build();
        } catch (JsonProcessingException e) {
            tb.abandon();
            throw syntax(e, source);
        } catch (java.io.CharConversionException e) {
            tb.abandon();
            throw encoding(e, source);
        } catch (RuntimeException | IOException | Error e) {
            tb.abandon();
            throw e;
        }
    }

    /** Reads one document into a tree builder. */
    interface Body {
        void read(JsonParser p, TreeBuilder tb) throws IOException;
    }
}
