package dev.qube;

/**
 * Input that could not be read as a qube, with where it went wrong: source name (file or
 * {@code <string>}), 1-based line and column. The message is one line:
 * {@code source:line:column: what is wrong}.
 */
public final class QubeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long column;
    private final String reason;

    public QubeFormatException(String source, long line, long column, String reason) {
        this(source, line, column, reason, null);
    }

    public QubeFormatException(String source, long line, long column, String reason, Throwable cause) {
        super(source + ":" + line + ":" + column + ": " + reason, cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
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
