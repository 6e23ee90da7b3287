package dev.qube.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qube.Identifier;
import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Typed selections on the real FDB listing (skipped without {@code -Dqube.data}): a MARS range
 * selects exactly what the list of the values it stands for selects, and what a filter of the
 * identifiers by the same condition keeps.
 */
class RealDataSelectionTest {

    @Test
    void rangesSelectWhatTheirExpandedListsSelect() throws IOException {
        Path file = Path.of(System.getProperty("qube.data", "../shared/data"), "fdb_list_porcelain.gz");
        assumeTrue(Files.isRegularFile(file), () -> "real data not found at " + file.toAbsolutePath() + " (set -Dqube.data); skipped");
        List<Identifier> ids = RealDataSizesTest.readPorcelain(file);
        var b = Qube.builder("heap");
        ids.forEach(b::add);
        Map<String, String> ranges = Map.of(
                "levelist=1/to/10", "levelist=1/2/3/4/5/6/7/8/9/10",
                "time=0000/to/1200/by/6", "time=0000/0600/1200",
                "time=0600/to/2300/by/0600,param=130/to/167", "time=0600/1200/1800,param="
                        + java.util.stream.IntStream.rangeClosed(130, 167).mapToObj(Integer::toString).collect(Collectors.joining("/")),
                "date=2024-11-01/to/2024-11-30", "date=20241102");
        try (Qube q = b.build()) {
            ranges.forEach((range, list) -> {
                for (SelectMode mode : List.of(SelectMode.RELAXED, SelectMode.PRUNE)) { // STRICT: model tests
                    try (Qube byRange = q.select(Selection.parse(range), mode); Qube byList = q.select(Selection.parse(list), mode)) {
                        assertEquals(byList, byRange, () -> range + " " + mode);
                        assertTrue(byRange.count() > 0, () -> range + " selects something");
                    }
                }
            });
            try (Qube levels = q.select(Selection.parse("levelist=1/to/10"), SelectMode.PRUNE)) {
                java.util.Set<String> oneToTen = java.util.Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
                long expected = ids.stream().filter(id -> id.pairs().stream().anyMatch(p -> p.getKey().equals("levelist")
                        && oneToTen.contains(p.getValue()))).count();
                assertEquals(expected, levels.count());
            }
        }
    }
}
