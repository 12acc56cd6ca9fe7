package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.CheckResult;
import exercise11.grader.CheckResult.Status;
import exercise11.grader.Rubric;
import exercise11.grader.StudentResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The kit graded by its own grader")
class SelfCheckTests {

    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeStarterAndSolution() throws Exception {
        graded = Cohorts.grade("self", List.of(Variant.ofStarter("starter"), Variant.ofSolution("solution")));
    }

    @Test
    @DisplayName("the untouched starter scores 0, every check with points pending, every TODO named in its feedback")
    void starterScoresZeroWithEverythingPending() throws Exception {
        StudentResult starter = graded.of("starter");
        assertEquals("graded", starter.status(), starter::reason);
        assertEquals(0.0, starter.score(), () -> "the starter earned points: " + passedWithPoints(starter));
        List<String> notPending = starter.checks().stream()
                .filter(s -> s.max() > 0 && s.check().status() != Status.PENDING)
                .map(s -> s.check().key() + " " + s.check().status()).toList();
        assertEquals(List.of(), notPending, "every check that carries points should be pending on the starter");
        String feedback = Files.readString(graded.out().resolve("students/starter/feedback.md"), StandardCharsets.UTF_8);
        for (int todo = 1; todo <= 9; todo++) {
            assertTrue(feedback.contains("TODO " + todo + ": "), "the starter's feedback never names TODO " + todo);
        }
    }

    @Test
    @DisplayName("the solution scores 100 % with nothing pending, failed, skipped or not run")
    void solutionScoresFull() {
        StudentResult solution = graded.of("solution");
        assertEquals("graded", solution.status(), solution::reason);
        List<String> notPassed = solution.checks().stream().filter(s -> s.check().status() != Status.PASSED)
                .map(s -> s.check().key() + " " + s.check().status() + ": " + s.check().message()).toList();
        assertEquals(List.of(), notPassed, "every check should pass on the solution");
        Rubric rubric = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt"));
        assertEquals(rubric.maxScore(), solution.score(), 1e-9, "the solution defines 100 %");
        assertEquals(100.0, rubric.maxScore(), 1e-9, "the rubric's points should add up to 100");
    }

    @Test
    @DisplayName("every check has a line in the rubric, and every rubric line takes at least one check")
    void rubricAndChecksMatch() {
        Rubric rubric = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt"));
        List<CheckResult> checks = graded.of("solution").checks().stream().map(Rubric.Scored::check).toList();
        List<String> unpriced = checks.stream().filter(c -> rubric.entryFor(c).isEmpty()).map(CheckResult::key).toList();
        assertEquals(List.of(), unpriced, "these checks have no line in test-harness/rubric.txt");
        Set<String> used = checks.stream().map(c -> rubric.entryFor(c).orElseThrow().key()).collect(Collectors.toSet());
        // A line may go unused only if it is worth nothing and names a check class the grader left out of this run
        // (the cross-host tier without --containers).
        List<String> unused = rubric.entries().stream().filter(e -> !used.contains(e.key()))
                .filter(e -> e.points() > 0 || !Files.exists(Cohorts.KIT.resolve("test-harness/cross-host/checks/java/exercise11/checks")
                        .resolve(e.key().split("[.#]")[0] + ".java")))
                .map(Rubric.Entry::key).toList();
        assertEquals(List.of(), unused, "these rubric lines name no check that ran");
    }

    @Test
    @DisplayName("every TODO of the starter is covered by at least one check")
    void everyTodoHasACheck() {
        Set<Integer> named = new TreeSet<>();
        graded.of("solution").checks().forEach(s -> named.addAll(s.check().todos()));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9), named, "TODOs named by the checks' @Tag(\"todo-n\")");
    }

    @Test
    @DisplayName("docs/design.md lists every check with the TODOs it names and its points")
    void theDesignDocumentListsTheChecks() throws Exception {
        List<List<String>> rows = graded.of("solution").checks().stream()
                .sorted(java.util.Comparator.comparing((Rubric.Scored s) -> s.check().key()))
                .map(s -> List.of("`" + s.check().key() + "`",
                        s.check().todos().isEmpty() ? "given code" : s.check().todos().stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")),
                        exercise11.grader.Reports.points(Math.round(s.max() * 100) / 100.0) + (s.hidden() ? " (hidden)" : "")))
                .toList();
        FixtureTable.requireDocumented("checks-by-todo", FixtureTable.table(List.of("check", "TODOs", "points"), rows));
    }

    private static List<String> passedWithPoints(StudentResult result) {
        return result.checks().stream().filter(s -> s.earned() > 0).map(s -> s.check().key()).toList();
    }
}
