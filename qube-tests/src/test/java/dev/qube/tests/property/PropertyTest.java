package dev.qube.tests.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Identifier;
import dev.qube.tests.QubeArbitraries;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The harness itself: failures shrink, name the seed, and replay from it. */
class PropertyTest {

    private static boolean bad(List<Identifier> ids) {
        // fails on any set holding an identifier of depth >= 2 whose first value is "od"
        return ids.stream().anyMatch(i -> i.size() >= 2 && i.value(0).equals("od"));
    }

    @Test
    void failureIsShrunkAndNamesItsSeed() {
        AssertionError e = assertThrows(AssertionError.class, () -> Property.forAll("demo", 500, QubeArbitraries.identifierSets(),
                ids -> assertTrue(!bad(ids), "bad set")));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("demo failed on try "), msg);
        Matcher seed = Pattern.compile("-Dqube.seed=(-?\\d+:\\d+)").matcher(msg);
        assertTrue(seed.find(), msg);
        Matcher shrunk = Pattern.compile("shrunk in \\d+ steps to: \\[(.*)]\\n").matcher(msg);
        assertTrue(shrunk.find(), msg);
        // shrinking dropped every other identifier and shortened the culprit to two pairs
        String only = shrunk.group(1);
        assertEquals(1, only.split("; ").length, msg);
        assertEquals(2, Identifier.parse(only).size(), msg);
        assertTrue(only.startsWith(only.substring(0, only.indexOf('=')) + "=od,"), msg);

        assertReplays(msg, seed.group(1), PropertyTest::bad);
    }

    @Test
    void replayIsExactForCasesFoundLate() {
        // only large sets fail, so the failing try is a late one, of a larger size
        java.util.function.Predicate<List<Identifier>> big = ids -> ids.size() >= 25;
        AssertionError e = assertThrows(AssertionError.class, () -> Property.forAll("demo", 500, QubeArbitraries.identifierSets(),
                ids -> assertTrue(!big.test(ids), "big set")));
        Matcher seed = Pattern.compile("-Dqube.seed=(-?\\d+:\\d+)").matcher(e.getMessage());
        assertTrue(seed.find(), e.getMessage());
        assertTrue(!e.getMessage().startsWith("demo failed on try 1 "), e.getMessage());
        assertReplays(e.getMessage(), seed.group(1), big);
    }

    /** The printed seed makes the same original case fail first. */
    private static void assertReplays(String msg, String seed, java.util.function.Predicate<List<Identifier>> bad) {
        String original = msg.substring(msg.indexOf("original: "), msg.indexOf("\n  failure"));
        System.setProperty("qube.seed", seed);
        try {
            AssertionError again = assertThrows(AssertionError.class, () -> Property.forAll("demo", 500,
                    QubeArbitraries.identifierSets(), ids -> assertTrue(!bad.test(ids), "bad")));
            assertTrue(again.getMessage().startsWith("demo failed on try 1 of 500"), again.getMessage());
            assertTrue(again.getMessage().contains(original), () -> again.getMessage() + "\nexpected " + original);
        } finally {
            System.clearProperty("qube.seed");
        }
    }

    @Test
    void passingPropertyRunsEveryTry() {
        int[] runs = {0};
        Property.forAll("count", 37, QubeArbitraries.identifierSets(), ids -> runs[0]++);
        assertEquals(37, runs[0]);
    }
}
