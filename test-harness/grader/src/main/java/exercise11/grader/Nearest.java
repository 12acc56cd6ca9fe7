package exercise11.grader;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The names nearest to a mistyped one, for a one-line error that says what was probably meant. */
final class Nearest {

    private Nearest() {
    }

    /** At most {@code count} of {@code names}, the nearest to {@code typed} first (by edit distance, ignoring case). */
    static List<String> to(String typed, Collection<String> names, int count) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String wanted = typed.toLowerCase(Locale.ROOT);
        return names.stream().distinct()
                .sorted(Comparator.comparingInt((String name) -> distance.apply(wanted, name.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count).toList();
    }

    /** {@code " (nearest: a, b, c)"}, or nothing when there are no names at all. */
    static String hint(String typed, Collection<String> names) {
        List<String> nearest = to(typed, names, 3);
        return nearest.isEmpty() ? "" : " (nearest: " + String.join(", ", nearest) + ")";
    }
}
