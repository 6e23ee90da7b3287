package dev.qube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A bad line of input is quoted cut to about 200 characters, never whole. */
class LongQuotesTest {

    @Test
    void aLongBadIdentifierIsQuotedCut() {
        String text = "a=1," + "x".repeat(5000);
        QubeFormatException e = assertThrows(QubeFormatException.class, () -> Identifier.parse(text));
        assertTrue(e.getMessage().length() < 600, () -> e.getMessage().length() + " characters: " + e.getMessage());
        // the bad piece is quoted once, cut, with its length (the line itself is not quoted again)
        assertTrue(e.getMessage().contains("'" + "x".repeat(200)), e::getMessage);
        assertTrue(e.getMessage().contains("(5000 characters)"), e::getMessage);
    }

    @Test
    void shortQuotesAreKeptWhole() {
        String reason = "expected key=value, found '" + "y".repeat(200) + "' in '" + "z".repeat(10) + "'";
        assertEquals(reason, new QubeFormatException("f", 1, 1, reason).reason());
        String longer = "found '" + "y".repeat(250) + "' and 'ok'" + ".".repeat(50);
        assertEquals("found '" + "y".repeat(200) + "...' (250 characters) and 'ok'" + ".".repeat(50),
                new QubeFormatException("f", 1, 1, longer).reason());
    }
}
