package exercise11.grader;

import exercise11.grader.run.ExpectedChecks;
import exercise11.grader.score.Rubric;
import exercise11.harness.Dependencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rubric a run grades with: the kit's {@code test-harness/rubric.txt}, or a teacher's own ({@code --rubric FILE},
 * the same format), read and checked before anything is graded: a malformed line, an unreadable file or a line that
 * names no check (a typo) is one line and exit 2, never a run that silently scores with it.
 */
record RubricChoice(Rubric rubric, Path file, String name) {

    /** The kit's rubric, under the kit's root. */
    static final String KIT_RUBRIC = "test-harness/rubric.txt";

    /** Read the rubric {@code given} (else the kit's); a mistake in it is an {@link IllegalArgumentException}. */
    static RubricChoice read(Optional<Path> given, Path kit) {
        Path file = given.orElse(kit.resolve(KIT_RUBRIC));
        try {
            return new RubricChoice(Rubric.read(file), file, given.map(f -> f.getFileName().toString()).orElse(KIT_RUBRIC));
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the rubric " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The line bin/grade prints when it starts, for a total other than 100: it must not pass unseen. */
    Optional<String> notice() {
        double total = rubric.maxScore();
        return total == 100 ? Optional.empty() : Optional.of("the rubric " + name + " totals "
                + exercise11.grader.report.Reports.points(total) + " points: scored out of "
                + exercise11.grader.report.Reports.points(total) + ", not 100");
    }

    /**
     * Refuse, in one line, a rubric with a line that names no check compiled under {@code checks} (nor a class of the
     * cross-host tier, which only {@code --containers} compiles), naming the nearest check or class.
     */
    void checkNames(Path checks, Path kit) throws IOException {
        Set<String> keys = ExpectedChecks.in(checks, true).stream()
                .map(c -> Dependencies.keyOf(c.className()) + "#" + c.method()).collect(Collectors.toSet());
        Set<String> crossHost = crossHostClasses(kit);
        List<String> unknown = rubric.keysNamingNoCheck(keys).stream()
                .filter(key -> !crossHost.contains(key.split("[.#]")[0])).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> names = keys.stream().flatMap(k -> Stream.of(k, k.substring(0, k.indexOf('#')))).collect(Collectors.toSet());
        String first = unknown.get(0);
        throw new IllegalArgumentException("the rubric " + file + " has a line for '" + first + "', which names no check"
                + Nearest.hint(first, names) + (unknown.size() > 1 ? "; " + (unknown.size() - 1) + " more line(s) name none either: "
                + String.join(", ", unknown.subList(1, Math.min(4, unknown.size()))) + (unknown.size() > 4 ? ", ..." : "") : ""));
    }

    private static Set<String> crossHostClasses(Path kit) throws IOException {
        Path folder = kit.resolve(Grade.CROSS_HOST_CHECKS).resolve("java/exercise11/checks");
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).collect(Collectors.toSet());
        }
    }
}
