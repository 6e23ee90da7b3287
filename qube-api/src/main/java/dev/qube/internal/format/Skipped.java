package dev.qube.internal.format;

import dev.qube.ReadOptions;

/**
 * Counts the lines a listing reader skips (diagnostics interleaved by the tool that wrote the
 * listing) and gives one warning at the end; in strict mode the first one is an error instead.
 */
final class Skipped {

    private final String source;
    private final ReadOptions options;
    private final String one;
    private final String many;
    private long count;
    private long first;

    /** {@code one}, {@code many}: how one and several skipped lines are described ("that is not ..."). */
    Skipped(String source, ReadOptions options, String one, String many) {
        this.source = source;
        this.options = options;
        this.one = one;
        this.many = many;
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

    /** Makes a fresh count, one per thread reading a part of the input. */
    interface Factory {
        Skipped create();
    }

    /** Adds the lines another part of the same input skipped. */
    void add(Skipped other) {
        if (other.count > 0) {
            first = count == 0 ? other.first : Math.min(first, other.first);
            count += other.count;
        }
    }

    /** Gives the one warning, if any line was skipped. */
    void report() {
        if (count > 0) {
            options.warnings().accept(source + ": skipped " + count + (count == 1 ? " line " + one : " lines " + many)
                    + " (the first at line " + first + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
