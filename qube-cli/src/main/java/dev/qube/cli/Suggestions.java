package dev.qube.cli;

import dev.qube.internal.text.Spelling;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Usage errors in the user's words, with "did you mean" for misspelled commands and options. */
final class Suggestions {
    private Suggestions() {
    }

    /** The one-line message for a usage error. */
    static String message(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String first = u.getUnmatched().getFirst();
        CommandLine cl = u.getCommandLine();
        boolean option = first.startsWith("-");
        boolean command = !option && !cl.getSubcommands().isEmpty() && cl.getParseResult() != null
                && cl.getParseResult().subcommand() == null && cl.getParseResult().originalArgs().indexOf(first)
                == firstPositional(cl.getParseResult().originalArgs());
        String what = option ? "unknown option '" + first + "'"
                : command ? "unknown command '" + first + "'" : "unexpected argument '" + first + "'";
        List<String> close = option || command ? closest(first, u) : List.of();
        return what + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList()) + "?");
    }

    private static int firstPositional(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /** Up to two candidates picocli finds close, the closest by edit distance first. */
    private static List<String> closest(String word, UnmatchedArgumentException u) {
        String bare = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        return u.getSuggestions().stream()
                .sorted(java.util.Comparator.comparingInt(s -> Spelling.distance(bare, s)))
                .filter(s -> Spelling.distance(bare, s) <= Math.max(2, bare.length() / 3))
                .limit(2)
                .toList();
    }
}
