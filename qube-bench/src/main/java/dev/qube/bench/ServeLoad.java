package dev.qube.bench;

import dev.qube.Datacube;
import dev.qube.Qube;
import dev.qube.QubeIO;
import dev.qube.server.QubeServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of {@code qube serve} on loopback ({@code ./bench serve [FILE] [--clients N]
 * [--seconds S]}): starts the server in this JVM on a free port with the catalogue (default
 * climate_dt_large), then for each kind of request runs N closed-loop clients (virtual threads,
 * keep-alive connections) for S seconds after a warm-up and prints requests per second and the
 * latency percentiles. Selections are drawn from the catalogue's own datacubes (2–3 keys, one value
 * each), so every answer is non-empty. Client and server share the machine's cores.
 */
public final class ServeLoad {

    private ServeLoad() {
    }

    /** Runs the load test; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(System.getProperty("qube.data", "../shared/data"), "climate_dt_large.json.gz");
        int clients = 32;
        int seconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        List<String> selections = selections(file, 64);
        String name = file.getFileName().toString().replaceAll("\\..*", "");
        try (QubeServer server = QubeServer.start(QubeServer.Config.of(List.of(file)))) {
            String base = "http://127.0.0.1:" + server.port() + "/api/catalogues/" + name;
            System.out.printf("qube serve load test: %s, %d clients, %d s per kind, %d cores available%n",
                    file.getFileName(), clients, seconds, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-28s %10s %9s %9s %9s %9s %8s%n", "request", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
            Map<String, String> kinds = new java.util.LinkedHashMap<>();
            kinds.put("count", base + "/count?sel=");
            kinds.put("axes under selection", base + "/axes?sel=");
            kinds.put("next (faceted)", base + "/next?sel=");
            kinds.put("select (tree-json)", base + "/select?sel=");
            for (Map.Entry<String, String> k : kinds.entrySet()) {
                run(k.getKey(), k.getValue(), selections, clients, 3, false);       // warm-up
                run(k.getKey(), k.getValue(), selections, clients, seconds, true);
            }
        }
    }

    /** Selections of 2–3 keys with one value each, taken from random datacubes of the catalogue. */
    static List<String> selections(Path file, int n) throws IOException {
        try (Qube q = QubeIO.read(file)) {
            List<Datacube> cubes = q.datacubes().toList();
            SplittableRandom r = new SplittableRandom(42);
            List<String> out = new ArrayList<>();
            while (out.size() < n) {
                Datacube c = cubes.get(r.nextInt(cubes.size()));
                List<Map.Entry<String, List<String>>> axes = new ArrayList<>(c.axes().entrySet());
                int keys = 2 + r.nextInt(2);
                StringBuilder sel = new StringBuilder();
                for (int i = 0; i < keys && !axes.isEmpty(); i++) {
                    Map.Entry<String, List<String>> a = axes.remove(r.nextInt(axes.size()));
                    if (!sel.isEmpty()) {
                        sel.append(',');
                    }
                    sel.append(a.getKey()).append('=').append(a.getValue().get(r.nextInt(a.getValue().size())));
                }
                out.add(URLEncoder.encode(sel.toString(), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    static void run(String kind, String url, List<String> selections, int clients, int seconds, boolean report) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[clients][];
        int[] used = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread.ofVirtual().start(() -> {
                long[] mine = new long[1 << 16];
                int m = 0;
                SplittableRandom r = new SplittableRandom(id);
                try {
                    while (!stop.get()) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(url + selections.get(r.nextInt(selections.size())))).build();
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        long t = System.nanoTime() - t0;
                        if (res.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (m == mine.length) {
                            mine = Arrays.copyOf(mine, m * 2);
                        }
                        mine[m++] = t;
                    }
                } catch (IOException | InterruptedException e) {
                    errors.incrementAndGet();
                } finally {
                    lat[id] = mine;
                    used[id] = m;
                    done.countDown();
                }
            });
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        http.close();
        if (!report) {
            return;
        }
        int total = Arrays.stream(used).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, at, used[c]);
            at += used[c];
        }
        Arrays.sort(all);
        System.out.printf("%-28s %10.0f %9.2f %9.2f %9.2f %9.2f %8d%n", kind, total / elapsed,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors.get());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
