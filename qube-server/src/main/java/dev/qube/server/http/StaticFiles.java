package dev.qube.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The web page's files, read once from this module's resources. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void send(ServerResponse res, String name) {
        byte[] body = cache.computeIfAbsent(name, StaticFiles::load);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        res.header(HeaderNames.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(body);
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/dev/qube/server/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
