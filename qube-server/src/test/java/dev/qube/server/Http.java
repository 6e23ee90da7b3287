package dev.qube.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small HTTP client for the tests (the JDK's URL connection) and a JSON reader on Jackson's parser. */
final class Http {
    private static final JsonFactory JSON = new JsonFactory();

    /** An answer: status, content type and body. */
    record Answer(int status, String type, String body) {
        Object json() {
            return parse(body);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }

        @SuppressWarnings("unchecked")
        List<Object> array() {
            return (List<Object>) json();
        }
    }

    private Http() {
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Answer get(int port, String pathAndQuery) {
        return send(port, "GET", pathAndQuery, null, null);
    }

    static Answer send(int port, String method, String pathAndQuery, byte[] body, String authorization) {
        return send(port, method, pathAndQuery, body, authorization, false);
    }

    /** As above; {@code chunked}: the body is sent without a length, in chunks. */
    static Answer send(int port, String method, String pathAndQuery, byte[] body, String authorization, boolean chunked) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + pathAndQuery).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(60_000);
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                if (chunked) {
                    c.setChunkedStreamingMode(512);
                } else {
                    c.setFixedLengthStreamingMode(body.length);
                }
                try (OutputStream o = c.getOutputStream()) {
                    o.write(body);
                } catch (IOException e) {
                    // the server may answer (413) and close before the whole body is sent
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, c.getContentType(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            return value(p);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getBigIntegerValue().longValueExact();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }
}
