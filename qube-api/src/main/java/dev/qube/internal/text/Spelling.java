package dev.qube.internal.text;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the known word closest to a misspelled one, by edit distance. */
public final class Spelling {
    private Spelling() {
    }

    /**
     * The word of {@code known} closest to {@code word} (Levenshtein distance, ties to the first),
     * if it is close enough to be a likely misspelling: at most 2 edits and fewer edits than half
     * the word's length (so {@code ab} suggests nothing for {@code xy}).
     */
    public static Optional<String> closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(word, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= 2 && bestDistance * 2 < Math.max(word.length(), best.length())
                ? Optional.of(best) : Optional.empty();
    }

    /** The Levenshtein distance (insertions, deletions, substitutions of chars). */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
