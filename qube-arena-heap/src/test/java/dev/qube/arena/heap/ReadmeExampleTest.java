package dev.qube.arena.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qube.Qube;
import dev.qube.SelectMode;
import dev.qube.Selection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's API tour, line for line, on the default backend; keep the two in step. */
class ReadmeExampleTest {

    @Test
    void apiTourWorksAsWritten() {
        try (Qube a = Qube.of("class=od,expver=0001,param=1", "class=od,expver=0001,param=2");
             Qube b = Qube.parse("""
                     root
                     ├── class=od, expver=0001/0002, param=1/2
                     └── class=rd
                         ├── expver=0001, param=1/2/3
                         └── expver=0002, param=1/2
                     """)) {
            assertEquals(9, b.count());
            try (Qube u = a.union(b)) {
                assertEquals(b, u);
            }
            try (Qube s = b.select(Selection.parse("class=rd,param=1/3"), SelectMode.PRUNE)) {
                assertEquals("""
                        root, class=rd
                        ├── expver=0001, param=1/3
                        └── expver=0002, param=1
                        """, s.toString());
            }
            assertEquals(3, b.count(Selection.parse("class=rd,param=1/3"), SelectMode.PRUNE));
            assertTrue(b.contains("class=rd,expver=0001,param=3"));
            assertEquals("class=od,expver=0001,param=1", b.identifiers().findFirst().orElseThrow().toString());
            assertEquals("{class=[od, rd], expver=[0001, 0002], param=[1, 2, 3]}", b.axes().toString());
            try (Qube d = b.drop("expver"); Qube q = b.squeeze(); Qube e = b.expand("stream", List.of("oper"));
                 Qube r = b.reorderKeys(List.of("param"))) {
                assertEquals(5, d.count());
                assertEquals(9, q.count());
                assertEquals(9, e.count());
                assertEquals("param=1,class=od,expver=0001", r.identifiers().findFirst().orElseThrow().toString());
                assertEquals(9, r.count());
            }
            var unmatched = b.unmatchedKeys(Selection.parse("parm=1"));
            assertEquals(1, unmatched.size());
            assertTrue(unmatched.toString().startsWith("[UnmatchedKey[key=parm, reason=ABSENT, message=key 'parm' "
                    + "occurs nowhere (did you mean 'param'?); "), unmatched.toString());
            assertEquals("heap", b.arenaName());
        }
    }
}
