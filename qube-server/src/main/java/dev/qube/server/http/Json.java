package dev.qube.server.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON answers through Jackson's streaming generator. */
final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
    static final String TYPE = "application/json";

    private Json() {
    }

    /** What writes one JSON answer. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Sends {@code body} with {@code status}, buffered (small answers). */
    static void send(ServerResponse res, int status, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(bytes.toByteArray());
    }

    /** Sends an error. */
    static void error(ServerResponse res, ApiError e) {
        send(res, e.status, g -> {
            g.writeStartObject();
            g.writeNumberField("status", e.status);
            g.writeStringField("error", reason(e.status));
            g.writeStringField("message", e.getMessage());
            // qubed (FastAPI) clients read "detail"
            g.writeStringField("detail", e.getMessage());
            if (e.parameter != null) {
                g.writeStringField("parameter", e.parameter);
            }
            if (e.column > 0) {
                g.writeNumberField("column", e.column);
            }
            g.writeEndObject();
        });
    }

    /**
     * Errors the server answers before any route (a malformed request line, a header or URI over
     * the server's limits, a body over its payload limit) as the same JSON as the API's.
     */
    static io.helidon.webserver.http.DirectHandlers directHandlers() {
        io.helidon.webserver.http.DirectHandlers.Builder b = io.helidon.webserver.http.DirectHandlers.builder();
        for (io.helidon.http.DirectHandler.EventType type : io.helidon.http.DirectHandler.EventType.values()) {
            b.addHandler(type, (request, event, given, headers, message) -> {
                // a request line that is not HTTP (say, control characters as the method) reaches
                // here as Helidon's internal error; it is the client's: 400
                boolean garbage = event == io.helidon.http.DirectHandler.EventType.INTERNAL_ERROR
                        && !request.method().matches("[A-Z]{1,16}");
                io.helidon.http.Status status = garbage ? io.helidon.http.Status.BAD_REQUEST_400 : given;
                int code = status.code();
                String text = garbage ? "malformed HTTP request"
                        : message == null || message.isBlank() ? reason(code) : message.lines().findFirst().orElse(message);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
                    g.writeStartObject();
                    g.writeNumberField("status", code);
                    g.writeStringField("error", reason(code));
                    g.writeStringField("message", text);
                    g.writeStringField("detail", text);
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return io.helidon.http.DirectHandler.TransportResponse.builder()
                        .status(status)
                        .headers(headers)
                        .header(HeaderNames.CONTENT_TYPE, TYPE)
                        .entity(bytes.toByteArray())
                        .keepAlive(!garbage && event.keepAlive())
                        .build();
            });
        }
        return b.build();
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
