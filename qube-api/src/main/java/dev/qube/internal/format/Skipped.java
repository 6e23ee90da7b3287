package dev.qube.internal.format;

import dev.qube.Qube;
import dev.qube.QubeFormatException;
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
    private String expectation;
    /** Skipped lines that are not the fdb client's known diagnostics. */
    private long foreign;

    /** The prefix of the diagnostics the fdb client interleaves with its listing. */
    static final String DIAGNOSTIC = "PRE-MAIN-";

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
            this.expectation = expectation;
        }
        if (!lines.line().startsWith(DIAGNOSTIC)) {
            foreign++;
        }
    }

    /** Makes a fresh count, one per thread reading a part of the input. */
    interface Factory {
        Skipped create();
    }

    /** Adds the lines another part of the same input skipped. */
    void add(Skipped other) {
        if (other.count > 0) {
            if (count == 0 || other.first < first) {
                first = other.first;
                expectation = other.expectation;
            }
            count += other.count;
            foreign += other.foreign;
        }
    }

    /**
     * Gives the one warning, if any line was skipped; when nothing was read ({@code nothingRead})
     * and a skipped line is not one of the fdb client's known diagnostics, the input is not this
     * kind of listing at all: an error at the first skipped line, never an empty qube. (Known
     * diagnostics alone are the listing of a request that found nothing, or the tail of a listing
     * cut into pieces.)
     */
    void report(boolean nothingRead) {
        if (foreign > 0 && nothingRead) {
            throw new QubeFormatException(source, first, 1, (expectation == null ? "expected data" : expectation) + ", but not one of the "
                    + count + (count == 1 ? " line is" : " lines is") + " (nothing was read: is this the right format?)");
        }
        if (count > 0) {
            options.warnings().accept(source + ": skipped " + count + (count == 1 ? " line " + one : " lines " + many)
                    + " (the first at line " + first + ")");
        }
    }

    /**
     * {@link #report Reports} on {@code read}, the qube made of the lines that were read, and
     * returns it; if the report is an error, {@code read} is closed first, so nothing leaks.
     */
    Qube checked(Qube read) {
        try {
            report(read.isEmpty());
        } catch (RuntimeException e) {
            read.close();
            throw e;
        }
        return read;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
