package dev.qube;

/**
 * Input that could not be read as a qube, with where it went wrong: source name (file or
 * {@code <string>}), 1-based line and column. The message is one line:
 * {@code source:line:column: what is wrong}; control characters quoted from the input appear as
 * escapes ({@code \n}), so the message never spans lines, and a reason is cut to {@value #MAX_REASON} characters.
 */
public final class QubeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The longest reason kept; longer ones (quoting a huge line) are cut. */
    static final int MAX_REASON = 300;

    private final String source;
    private final long line;
    private final long column;
    private final String reason;

    public QubeFormatException(String source, long line, long column, String reason) {
        this(source, line, column, reason, null);
    }

    public QubeFormatException(String source, long line, long column, String reason, Throwable cause) {
        super(source + ":" + line + ":" + column + ": " + oneLine(reason), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = oneLine(reason);
    }

    /**
     * The reason with control characters shown as escapes ({@code \n}, {@code \t}, a code point in hex): reasons
     * quote pieces of the input, which may hold line breaks, and the message must stay one line.
     */
    private static String oneLine(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            // a reason quoting a huge piece of input must not become a huge message
            reason = reason.substring(0, MAX_REASON - 40) + "... (" + reason.length() + " characters in all)";
        }
        if (reason == null || reason.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return reason;
        }
        StringBuilder b = new StringBuilder(reason.length() + 8);
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The file name or other label of the input. */
    public String source() {
        return source;
    }

    /** 1-based line of the error. */
    public long line() {
        return line;
    }

    /** 1-based column of the error. */
    public long column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
