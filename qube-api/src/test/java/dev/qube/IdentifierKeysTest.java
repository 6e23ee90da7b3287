package dev.qube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A key appears at most once in an identifier, whatever its length (short ones are checked pairwise, long ones by a set). */
class IdentifierKeysTest {

    private static String[] pairs(int n, int repeatAt) {
        String[] kv = new String[2 * n];
        for (int i = 0; i < n; i++) {
            kv[2 * i] = "k" + (i == repeatAt ? 0 : i);
            kv[2 * i + 1] = "v";
        }
        return kv;
    }

    @Test
    void aRepeatedKeyIsRefusedInShortAndLongIdentifiers() {
        for (int n : new int[] {2, 3, 32, 33, 100}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Identifier.of(pairs(n, n - 1)), "n=" + n);
            assertEquals("key 'k0' appears twice in one identifier", e.getMessage());
            assertEquals(n, Identifier.of(pairs(n, -1)).size());
        }
        assertThrows(QubeFormatException.class, () -> Identifier.parse("a=1,b=2,a=3"));
    }
}
