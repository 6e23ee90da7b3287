package dev.qube.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code -Dqube.conformance.skipRules} skips the rules whose whole id matches, and only them. */
class SkipRulesTest {

    @AfterEach
    void clear() {
        System.clearProperty(SkipRules.PROPERTY);
    }

    private static Method rule(String name) throws NoSuchMethodException {
        return ArenaVerification.class.getMethod(name);
    }

    @Test
    void withoutThePropertyEveryRuleRuns() throws Exception {
        assertNull(SkipRules.reason(rule("required_R71_largeQubeAgreesWithModel")));
    }

    @Test
    void skipsTheMatchingRulesOnly() throws Exception {
        System.setProperty(SkipRules.PROPERTY, "R7[0-4]|R47");
        String r = SkipRules.reason(rule("required_R71_largeQubeAgreesWithModel"));
        assertEquals("R71 is skipped by -Dqube.conformance.skipRules=R7[0-4]|R47", r);
        assertTrue(SkipRules.reason(rule("required_R47_realCatalogueAgreesWithModel")) != null);
        // the whole id must match: R7 and R710 are not R7[0-4]
        assertNull(SkipRules.reason(rule("required_R7_manyWayUnionAgreesWithModel")));
        assertNull(SkipRules.reason(rule("required_R3_unionAgreesWithModel")));
        assertNull(SkipRules.reason(Object.class.getMethod("toString")), "not a rule");
    }

    @Test
    void aBadExpressionIsAClearError() throws Exception {
        System.setProperty(SkipRules.PROPERTY, "R7[");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkipRules.reason(rule("required_R71_largeQubeAgreesWithModel")));
        assertTrue(e.getMessage().contains(SkipRules.PROPERTY), e.getMessage());
    }
}
