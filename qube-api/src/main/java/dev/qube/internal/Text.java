package dev.qube.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The escaped text form shared by identifiers ({@code k=v,k=v}), selections and the ASCII tree:
 * {@code \} escapes {@code \ , / =}, a line break is {@code \n} ({@code \r}, {@code \t} likewise),
 * and white space at either end of a key or value ({@link Character#isWhitespace}: a space, but also
 * the information separators U+001C to U+001F, form feed, ...) is escaped with {@code \} so that trimming never loses it.
 */
public final class Text {
    private Text() {
    }

    private static final String PREFIX_CHARS = "│├└─ \u00a0";

    /** Escapes one key or value. */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\\', ',', '/', '=' -> "\\" + c;
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> (i == 0 || i == n - 1) && Character.isWhitespace(c) || i == 0 && PREFIX_CHARS.indexOf(c) >= 0
                        ? "\\" + c : null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(n + 8).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Undoes {@link #escape}. */
    public static String unescape(String s) {
        int k = s.indexOf('\\');
        if (k < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, k);
        for (int i = k; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Splits at every unescaped {@code sep}; each part keeps its escapes and loses unescaped
     * white space at both ends. Returns [start column offset, part] pairs via {@code starts}.
     */
    public static List<String> split(String s, char sep, List<Integer> starts) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == sep) {
                int a = from;
                int z = i;
                while (a < z && Character.isWhitespace(s.charAt(a))) {
                    a++;
                }
                while (z > a && Character.isWhitespace(s.charAt(z - 1)) && !(z - 2 >= a && s.charAt(z - 2) == '\\')) {
                    z--;
                }
                out.add(s.substring(a, z));
                if (starts != null) {
                    starts.add(a);
                }
                from = i + 1;
            } else if (s.charAt(i) == '\\') {
                i++;
            }
        }
        return out;
    }

    /** Characters of input quoted in an error message at most. */
    public static final int EXCERPT = 200;

    /** {@code s} cut to {@value #EXCERPT} characters for quoting in a message. */
    public static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "... (" + s.length() + " characters)";
    }

    /** Index of the first unescaped {@code c}, or -1. */
    public static int indexOfUnescaped(String s, char c) {
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '\\') {
                i++;
            } else if (x == c) {
                return i;
            }
        }
        return -1;
    }

    /** Throws if {@code s} cannot be a key: {@link NullPointerException} for null, else {@link IllegalArgumentException}. */
    public static String checkKey(String s) {
        java.util.Objects.requireNonNull(s, "a key must not be null");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        checkText(s, "key");
        return s;
    }

    /** Throws if {@code s} cannot be a value. */
    public static String checkValue(String s) {
        java.util.Objects.requireNonNull(s, "a value must not be null");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a value must not be empty");
        }
        checkText(s, "value");
        return s;
    }

    private static void checkText(String s, String what) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                checkSurrogates(s, what); // rare: only texts with surrogates are checked pair by pair
                return;
            }
        }
    }

    private static void checkSurrogates(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a " + what + " must be valid Unicode (unpaired surrogate at " + i + ")");
            }
        }
    }
}
