package dev.qube.tests;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rule methods of a verification class: {@code required_R<n>_name} or {@code optional_R<n>_name}. */
final class Rules {

    static final Pattern NAME = Pattern.compile("(required|optional)_R(\\d+)_[A-Za-z0-9]+");

    private Rules() {
    }

    /** The public rule methods of {@code type} (inherited ones included), by rule number. */
    static List<Method> of(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(Test.class) && NAME.matcher(m.getName()).matches()) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingInt(Rules::number));
        return out;
    }

    /** The number of a rule method. */
    static int number(Method m) {
        Matcher x = NAME.matcher(m.getName());
        if (!x.matches()) {
            throw new IllegalArgumentException("not a rule: " + m.getName());
        }
        return Integer.parseInt(x.group(2));
    }
}
