package dev.qube.server;

import dev.qube.QubeFormat;
import dev.qube.ReadOptions;
import dev.qube.server.catalog.Catalogues;
import dev.qube.server.catalog.FileWatcher;
import dev.qube.server.http.Api;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A running catalogue server: the files it serves, an HTTP listener (Helidon SE WebServer, one
 * virtual thread per request) and, with {@code watch}, a file watcher that reloads replaced
 * files. Start with {@link #start}, stop with {@link #close()}.
 *
 * <pre>{@code
 * try (QubeServer s = QubeServer.start(QubeServer.Config.of(List.of(Path.of("climate_dt.json"))))) {
 *     System.out.println("http://localhost:" + s.port() + "/");
 * }
 * }</pre>
 */
public final class QubeServer implements AutoCloseable {
    private final Catalogues catalogues;
    private final WebServer server;
    private final FileWatcher watcher;

    /**
     * What to serve and how.
     *
     * @param files catalogue files (any readable format; binary files are mapped in place)
     * @param bind address to listen on
     * @param port port, 0 for any free one
     * @param watch reload a file when it is replaced or rewritten
     * @param apiKey the bearer key that unions need, or null to refuse them
     * @param limits per-request limits
     * @param from the files' format, or null to detect each one's from its content
     * @param read how non-binary files are read (backend, strictness, warnings)
     */
    public record Config(List<Path> files, String bind, int port, boolean watch, String apiKey, Limits limits,
                         QubeFormat from, ReadOptions read) {
        /** Checks the values. */
        public Config {
            files = List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no catalogue files to serve");
            }
            Objects.requireNonNull(bind, "bind");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 0..65535");
            }
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(read, "read");
        }

        /** Formats detected, default read options. */
        public Config(List<Path> files, String bind, int port, boolean watch, String apiKey, Limits limits) {
            this(files, bind, port, watch, apiKey, limits, null, ReadOptions.defaults());
        }

        /** These files on 127.0.0.1, a free port, no watching, no key, default limits. */
        public static Config of(List<Path> files) {
            return new Config(files, "127.0.0.1", 0, false, null, Limits.defaults());
        }
    }

    private QubeServer(Catalogues catalogues, WebServer server, FileWatcher watcher) {
        this.catalogues = catalogues;
        this.server = server;
        this.watcher = watcher;
    }

    /** Loads the catalogues and starts listening; fails (with nothing left running) if a file cannot be read. */
    public static QubeServer start(Config config) throws IOException {
        Catalogues catalogues = Catalogues.load(config.files(), config.from(), config.read());
        FileWatcher watcher = null;
        try {
            Api api = new Api(catalogues, config.limits(), config.apiKey());
            InetAddress address = InetAddress.getByName(config.bind());
            WebServer server = WebServer.builder()
                    .address(address)
                    .port(config.port())
                    // the API checks body sizes itself (JSON 413); this only stops absurd bodies early
                    .maxPayloadSize(config.limits().maxBodyBytes() * 2)
                    .maxConcurrentRequests(4096)
                    .shutdownGracePeriod(Duration.ofMillis(500))
                    // answers are written as headers then body: without TCP_NODELAY, Nagle's algorithm
                    // and the client's delayed ACK add 40 ms to every answer of more than one segment
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .directHandlers(Api.directHandlers())
                    .routing(api::routes)
                    .build()
                    .start();
            if (config.watch()) {
                watcher = new FileWatcher(catalogues, name -> { });
            }
            return new QubeServer(catalogues, server, watcher);
        } catch (IOException | RuntimeException e) {
            catalogues.close();
            throw e;
        }
    }

    /** The port listened on. */
    public int port() {
        return server.port();
    }

    /** The names of the catalogues served, in the order the files were given. */
    public List<String> catalogueNames() {
        return catalogues.names();
    }

    /** Reads the named catalogue's file again and swaps it in under running requests. */
    public void reload(String name) throws IOException {
        catalogues.reload(name);
    }

    /** Stops listening and releases the catalogues (each closes after its last request). */
    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            // closing the watch service: nothing to do
        } finally {
            server.stop();
            catalogues.close();
        }
    }
}
