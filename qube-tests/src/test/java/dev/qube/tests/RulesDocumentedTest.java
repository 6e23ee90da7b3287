package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every rule has one number, and docs/CONFORMANCE.md lists exactly the rules the suite checks. */
class RulesDocumentedTest {

    private static final List<Class<?>> SUITES = List.of(ArenaVerification.class, CodecVerification.class, InternerVerification.class);

    @Test
    void rulesAreNumberedOnce() {
        Set<Integer> numbers = new HashSet<>();
        List<Class<?>> declaring = new ArrayList<>(SUITES);
        declaring.add(MetadataVerification.class); // its rules are inherited by ArenaVerification
        for (Class<?> suite : declaring) {
            for (Method m : suite.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    assertTrue(Rules.NAME.matcher(m.getName()).matches(), () -> "not named after a rule: " + m);
                    assertTrue(numbers.add(Rules.number(m)), () -> "number used twice: " + m);
                    boolean optional = m.getName().startsWith("optional_");
                    assertTrue(!optional || suite == ArenaVerification.class, "only arena rules depend on features");
                }
            }
        }
    }

    @Test
    void documentListsExactlyTheRules() throws IOException {
        String where = System.getProperty("qube.rules.doc");
        Assumptions.assumeTrue(where != null && Files.exists(Path.of(where)), "docs/CONFORMANCE.md not found (qube.rules.doc)");
        String doc = Files.readString(Path.of(where));
        List<String> inDoc = new ArrayList<>();
        // one table row per rule: | R12 | `required_R12_unionCommutes` | what it asks |
        Matcher x = Pattern.compile("(?m)^\\| R(\\d+) \\| `((?:required|optional)_R(\\d+)_\\w+)` \\|").matcher(doc);
        while (x.find()) {
            assertEquals(x.group(1), x.group(3), "row number and test name disagree: " + x.group());
            inDoc.add(x.group(2));
        }
        List<String> inCode = new ArrayList<>();
        for (Class<?> suite : SUITES) {
            Rules.of(suite).forEach(m -> inCode.add(m.getName()));
        }
        assertEquals(inCode, inDoc, "rules of the suite (by class, then number) against docs/CONFORMANCE.md");
    }
}
