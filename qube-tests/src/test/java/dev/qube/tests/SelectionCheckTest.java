package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.QubeFormatException;
import dev.qube.Selection;
import dev.qube.UnmatchedKey;
import dev.qube.spi.ValueCodec;
import dev.qube.tests.fixture.ByteArrayArenaProvider;
import dev.qube.tests.fixture.DelegatingCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Selections that cannot mean what was typed: {@link Qube#unmatchedKeys} names misspelled keys,
 * typed ranges of the wrong kind and keys none of whose values is selected; a key repeated in a
 * selection text is an error. Also: the codec suite fails at once, with the cause, without a backend.
 */
class SelectionCheckTest {

    private static Qube qube() {
        var b = Qube.builder(ByteArrayArenaProvider.NAME);
        for (String time : List.of("0000", "0600", "1200")) {
            for (String param : List.of("167", "168")) {
                b.add("class=od,date=20240101,time=" + time + ",param=" + param);
            }
        }
        return b.build();
    }

    private static List<String> unmatched(Qube q, String selection) {
        return q.unmatchedKeys(Selection.parse(selection)).stream().map(u -> u.key() + ":" + u.reason()).toList();
    }

    @Test
    void aMisspelledKeyIsAbsentWithASuggestion() {
        try (Qube q = qube()) {
            List<UnmatchedKey> u = q.unmatchedKeys(Selection.parse("parm=167"));
            assertEquals(1, u.size());
            assertEquals("parm", u.getFirst().key());
            assertEquals(UnmatchedKey.Reason.ABSENT, u.getFirst().reason());
            assertEquals("key 'parm' occurs nowhere (did you mean 'param'?); the keys are class, date, param, time",
                    u.getFirst().message());
            // and relaxed select indeed keeps everything: the reason a user must be told
            try (Qube all = q.select(Selection.parse("parm=167"))) {
                assertEquals(q, all);
            }
        }
    }

    @Test
    void aRangeOfTheWrongKindNamesTheKindFound() {
        try (Qube q = qube()) {
            List<UnmatchedKey> u = q.unmatchedKeys(Selection.parse("time=0/to/600"));
            assertEquals(1, u.size());
            assertEquals(UnmatchedKey.Reason.WRONG_KIND, u.getFirst().reason());
            assertEquals("time=0/to/600 selects integers, but the values of time are times (1200, 0000, 0600): nothing matched",
                    u.getFirst().message());
            // typed predicates from the builder too
            assertEquals(UnmatchedKey.Reason.WRONG_KIND,
                    q.unmatchedKeys(Selection.builder().integers("time", t -> t < 600).build()).getFirst().reason());
            // a time range of the right kind matches
            assertEquals(List.of(), unmatched(q, "time=0000/to/0600"));
        }
    }

    @Test
    void valuesOfTheRightKindThatAreNotSelectedAreNoValue() {
        try (Qube q = qube()) {
            assertEquals(List.of("param:NO_VALUE"), unmatched(q, "param=999"));
            assertEquals(List.of("param:NO_VALUE"), unmatched(q, "param=1/to/100"));
            assertEquals("param=999 selects none of the 2 values of param (167, 168)",
                    q.unmatchedKeys(Selection.parse("param=999")).getFirst().message());
        }
    }

    @Test
    void everyUnmatchedKeyInSelectionOrderAndNothingWhenAllMatch() {
        try (Qube q = qube()) {
            assertEquals(List.of(), unmatched(q, "class=od,param=167,time=*"));
            assertEquals(List.of("zz:ABSENT", "time:WRONG_KIND", "param:NO_VALUE"), unmatched(q, "zz=1,class=od,time=1/to/2,param=1"));
            try (Qube empty = Qube.builder(ByteArrayArenaProvider.NAME).build()) {
                assertEquals(List.of("class:ABSENT"), unmatched(empty, "class=od"));
            }
        }
    }

    @Test
    void aKeyRepeatedInASelectionTextIsAnErrorAtItsSecondColumn() {
        QubeFormatException e = assertThrows(QubeFormatException.class, () -> Selection.parse("param=167,param=168"));
        assertEquals(11, e.column());
        assertTrue(e.reason().contains("key 'param' is selected twice (first at column 1)"), e.reason());
        assertTrue(e.reason().contains("param=v1/v2"), e.reason());
        // the builder keeps its documented meaning: both conditions hold
        Selection both = Selection.builder().integers("step", x -> x > 0).integers("step", x -> x < 48).build();
        assertTrue(both.accepts("step", "6"));
        assertTrue(!both.accepts("step", "48"));
    }

    /** A codec checked with qube-tests and no arena backend: R56 must name the missing backend, not shrink a case. */
    @Test
    void codecSuiteWithoutABackendFailsAtOnceWithTheCause() {
        CodecVerification v = new CodecVerification() {
            @Override
            protected ValueCodec codec() {
                return new DelegatingCodec();
            }

            @Override
            protected String arenaName() {
                return "no-such-backend";
            }
        };
        AssertionError e = assertThrows(AssertionError.class, v::required_R56_sameCodecOperationsAgreeWithModel);
        assertTrue(e.getMessage().contains("No ArenaProvider named 'no-such-backend'"), e.getMessage());
        assertTrue(e.getMessage().contains("qube-arena-heap"), e.getMessage());
        assertTrue(!e.getMessage().contains("seed"), e.getMessage());
    }
}
