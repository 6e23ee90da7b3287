package dev.qube;

/**
 * Input that could not be read as a qube, with where it went wrong: source name (file or
 * {@code <string>}), 1-based line and column. The message is one line:
 * {@code source:line:column: what is wrong}; control characters quoted from the input appear as
 * escapes ({@code \n}), so the message never spans lines, and a quoted piece of input longer than
 * {@value #QUOTE_LIMIT} characters is cut there (with its length), so a bad first line of a
 * megabyte is not printed whole; a whole reason is cut to {@value #MAX_REASON} characters.
 */
public final class QubeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The longest reason kept; longer ones (quoting a huge line) are cut. */
    static final int MAX_REASON = 400;

    /** @serial the file name or other label of the input */
    private final String source;
    /** @serial 1-based line */
    private final long line;
    /** @serial 1-based column */
    private final long column;
    /** @serial what is wrong */
    private final String reason;

    /** An error at {@code line} and {@code column} (1-based) of {@code source}, saying what is wrong. */
    public QubeFormatException(String source, long line, long column, String reason) {
        this(source, line, column, reason, null);
    }

    /** The same, with the exception that caused it. */
    public QubeFormatException(String source, long line, long column, String reason, Throwable cause) {
        super(source + ":" + line + ":" + column + ": " + oneLine(shortQuotes(reason)), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = oneLine(shortQuotes(reason));
    }

    /** Characters of a quoted piece of input kept in a message. */
    static final int QUOTE_LIMIT = 200;

    /** Cuts every {@code '...'} piece longer than {@link #QUOTE_LIMIT} characters, saying how long it was. */
    static String shortQuotes(String reason) {
        if (reason == null || reason.length() <= QUOTE_LIMIT + 50) {
            return reason;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < reason.length()) {
            int open = reason.indexOf('\'', i);
            int close = open < 0 ? -1 : reason.indexOf('\'', open + 1);
            if (close < 0) {
                b.append(reason, i, reason.length());
                break;
            }
            b.append(reason, i, open + 1);
            int len = close - open - 1;
            boolean cutBefore = reason.startsWith("...", close - 3) || reason.startsWith(" characters)", close - 12);
            if (len > QUOTE_LIMIT + 3 && !cutBefore) { // a piece cut before (Text.excerpt, a reader that rethrows) is not cut again
                int cut = open + 1 + QUOTE_LIMIT;
                if (Character.isHighSurrogate(reason.charAt(cut - 1))) {
                    cut--;
                }
                b.append(reason, open + 1, cut).append("...' (").append(len).append(" characters)");
            } else {
                b.append(reason, open + 1, close + 1);
            }
            i = close + 1;
        }
        return b.toString();
    }

    /**
     * The reason with control characters shown as escapes ({@code \n}, {@code \t}, a code point in hex): reasons
     * quote pieces of the input, which may hold line breaks, and the message must stay one line.
     */
    private static String oneLine(String reason) {
        if (reason != null && reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
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
            reason = b.toString();
        }
        if (reason != null && reason.length() > MAX_REASON) {
            // a reason quoting a huge piece of input must not become a huge message (escapes counted)
            int cut = MAX_REASON - 40;
            if (Character.isHighSurrogate(reason.charAt(cut - 1))) {
                cut--;
            }
            reason = reason.substring(0, cut) + "... (" + reason.length() + " characters in all)";
        }
        return reason;
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
