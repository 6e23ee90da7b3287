package dev.qube.tests;

import java.lang.reflect.Method;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the rules named by the system property {@value #PROPERTY}: a regular expression over rule
 * ids ({@code R71}, {@code R7[0-4]|R8[01]}), which must match the whole id. Quick runs leave out the
 * slow size and contention rules with it (the mutation profile does); every skipped rule is
 * reported as skipped, with the property's value, never silently passed. Without the property
 * every rule runs. The verification classes register this condition themselves.
 */
public final class SkipRules implements ExecutionCondition {

    /** The system property naming the rules to skip. */
    public static final String PROPERTY = "qube.conformance.skipRules";

    /** Made by JUnit for the verification classes. */
    public SkipRules() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = context.getTestMethod().map(SkipRules::reason).orElse(null);
        return reason == null ? ConditionEvaluationResult.enabled("not skipped by -D" + PROPERTY)
                : ConditionEvaluationResult.disabled(reason);
    }

    /**
     * Why rule method {@code m} is skipped, or null when it runs (also for methods that are not rules).
     *
     * @throws IllegalArgumentException when the property is not a regular expression
     */
    static String reason(Method m) {
        String regex = System.getProperty(PROPERTY, "");
        if (regex.isEmpty() || !Rules.NAME.matcher(m.getName()).matches()) {
            return null;
        }
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " is not a regular expression: " + e.getMessage(), e);
        }
        String id = "R" + Rules.number(m);
        return p.matcher(id).matches() ? id + " is skipped by -D" + PROPERTY + "=" + regex : null;
    }
}
