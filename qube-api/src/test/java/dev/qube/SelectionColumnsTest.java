package dev.qube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad selection is reported at the column of the token at fault, not of the item that holds it. */
class SelectionColumnsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // selection | column
            "class=od,param=1/to | 20",           // after 'to': the missing end
            "class=od,param=1/to/x | 16",         // the range's first value
            "class=od,param=1/by/2 | 18",         // the misplaced 'by'
            "class=od,param=1/to/5/by | 25",      // after 'by': the missing step
            "class=od,param=1/to/5/by/0 | 16",    // a bad step: the range
            "class=od, param | 11",               // the item without '='
            "class=od,param= | 16",               // after '=': the missing value
            "a=1,,b=2 | 5",
            "param=167,param=168 | 11",           // the repeated key
    })
    void errorsPointAtTheTokenAtFault(String selection, int column) {
        QubeFormatException e = assertThrows(QubeFormatException.class, () -> Selection.parse(selection));
        assertEquals(column, e.column(), e::getMessage);
    }
}
