package dev.qube.internal.format;

import dev.qube.ReadOptions;

/**
 * Counts the lines a listing reader skips (diagnostics interleaved by the tool that wrote the
 * listing) and gives one warning at the end; in strict mode the first one is an error instead.
 */
final class Skipped {

    private final String source;
    private final ReadOptions options;
    private final String what;
    private long count;
    private long first;

    /** {@code what}: how the skipped lines are described, e.g. "that are not identifiers". */
    Skipped(String source, ReadOptions options, String what) {
        this.source = source;
        this.options = options;
        this.what = what;
    }

    /** Records the current line of {@code lines} as skipped, or throws in strict mode. */
    void line(Lines lines, String expectation) {
        if (options.strict()) {
            throw lines.error(lines.start, expectation + " (strict mode; found '" + abbreviate(lines.line()) + "')");
        }
        if (count++ == 0) {
            first = lines.lineNo;
        }
    }

    long count() {
        return count;
    }

    /** Gives the one warning, if any line was skipped. */
    void report() {
        if (count > 0) {
            options.warnings().accept(source + ": skipped " + count + (count == 1 ? " line " : " lines ") + what
                    + " (the first at line " + first + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
