package dev.qube.server;

import static dev.qube.server.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeIO;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command on the real catalogues: climate_dt.json and climate_dt_large.json.gz served
 * together, and climate_dt_large again as a mapped binary file; counts and selects equal the
 * library's on every one.
 */
class RealCatalogueTest {
    @TempDir
    Path dir;

    @Test
    void servesTheRealCataloguesLikeTheLibrary() throws IOException {
        Path data = Path.of(System.getProperty("qube.data", "../../shared/data"));
        Path small = data.resolve("climate_dt.json");
        Path large = data.resolve("climate_dt_large.json.gz");
        Assumptions.assumeTrue(Files.isRegularFile(small) && Files.isRegularFile(large), "real data absent: " + data);
        Qube qs = QubeIO.read(small);
        Qube ql = QubeIO.read(large);
        Path bin = dir.resolve("large_binary.qube");
        QubeIO.write(ql, QubeFormat.BINARY, bin);
        try (QubeServer server = QubeServer.start(QubeServer.Config.of(List.of(small, large, bin)))) {
            assertEquals(List.of("climate_dt", "climate_dt_large", "large_binary"), server.catalogueNames());
            List<String> sels = List.of("", "param=167", "experiment=hist,levtype=sfc,param=167/130",
                    "activity=scenariomip/cmip6,levtype=pl,levelist=500/850", "date=20200101/to/20200131", "time=0000/to/1800/by/6");
            for (String sel : sels) {
                for (SelectMode mode : SelectMode.values()) {
                    Selection s = sel.isEmpty() ? Selection.of(java.util.Map.of()) : Selection.parse(sel);
                    String q = "/count?sel=" + enc(sel) + "&mode=" + mode.name().toLowerCase();
                    assertEquals(qs.select(s, mode).count(), Http.get(server.port(), "/api/catalogues/climate_dt" + q).object().get("count"), sel);
                    long expected = ql.select(s, mode).count();
                    assertEquals(expected, Http.get(server.port(), "/api/catalogues/climate_dt_large" + q).object().get("count"), sel);
                    assertEquals(expected, Http.get(server.port(), "/api/catalogues/large_binary" + q).object().get("count"), sel);
                }
            }
            String sel = "experiment=hist,levtype=sfc,param=167/130";
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            QubeIO.write(ql.select(Selection.parse(sel)), QubeFormat.TREE_JSON, expected);
            String want = expected.toString(StandardCharsets.UTF_8);
            assertEquals(want, Http.get(server.port(), "/api/catalogues/climate_dt_large/select?sel=" + enc(sel)).body());
            assertEquals(want, Http.get(server.port(), "/api/catalogues/large_binary/select?sel=" + enc(sel)).body());
            assertEquals(want, Http.get(server.port(), "/c/large_binary/api/v2/select/?experiment=hist&levtype=sfc&param=167,130").body());
        }
    }
}
