package dev.qube.internal.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ids reader keeps a shuffled listing on one thread ({@link ParallelLines#looksSorted}): the
 * prefix its parser shares with the line before tells a listing in order from a shuffled one.
 */
class ShuffledListingTest {

    /** A listing shaped like od's: fixed leading keys, then dates, times, parameters and steps, in order. */
    private static List<String> listing() {
        List<String> lines = new ArrayList<>();
        for (int date = 1; date <= 20; date++) {
            for (String time : List.of("0000", "1200")) {
                for (int param = 128; param < 140; param++) {
                    for (int step = 0; step < 12; step++) {
                        lines.add("class=od,expver=0001,stream=oper,date=202501" + (date < 10 ? "0" : "") + date + ",time=" + time
                                + ",domain=g,type=fc,levtype=sfc,param=" + param + ",step=" + step);
                    }
                }
            }
        }
        return lines;
    }

    /** Parses {@code lines} as the ids worker does and says whether they look sorted. */
    private static boolean looksSorted(List<String> lines) throws IOException {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
        Lines l = new Lines(bytes, bytes.length, "test", 0);
        IdsFormat.Parser p = new IdsFormat.Parser();
        long pairs = 0;
        long shared = 0;
        while (l.next()) {
            if (p.parse(l) == IdsFormat.Parser.ADDED) {
                pairs += p.n;
                shared += p.shared;
            }
        }
        return ParallelLines.looksSorted(pairs, shared);
    }

    @Test
    void aListingInOrderLooksSortedAndAShuffledOneDoesNot() throws IOException {
        List<String> lines = listing();
        assertTrue(looksSorted(lines), "in listing order");
        Collections.shuffle(lines, new Random(18));
        assertFalse(looksSorted(lines), "shuffled");
    }

    @Test
    void theThresholdIsHalfThePairs() {
        assertTrue(ParallelLines.looksSorted(10, 5));
        assertFalse(ParallelLines.looksSorted(10, 4));
        assertTrue(ParallelLines.looksSorted(0, 0), "nothing read yet: as before, hand over");
    }
}
