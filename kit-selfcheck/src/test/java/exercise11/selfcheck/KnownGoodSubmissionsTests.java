package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Correct submissions written otherwise than the solution, graded as one cohort: each must pass every check, so no
 * check demands the solution's way of writing something that the exercise leaves open.
 */
@DisplayName("Known-good submissions")
class KnownGoodSubmissionsTests {

    /** A correct submission and, in words, how it differs from the solution. */
    record Alternative(String name, String how, Variant variant) {
    }

    /** Every known-good fixture (kit-selfcheck/fixtures/known-good): {@code name:} and {@code how:}, and its patch. */
    static final List<Alternative> ALTERNATIVES = Fixtures.of("known-good").stream()
            .map(f -> new Alternative(f.one("name"), f.one("how"), f.variant("good-"))).toList();

    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeEveryAlternativeAsOneCohort() throws Exception {
        graded = Cohorts.grade("known-good", ALTERNATIVES.stream().map(Alternative::variant).toList());
    }

    @TestFactory
    @DisplayName("each correct alternative passes every check and scores 100 %")
    Stream<DynamicTest> eachAlternativePassesEveryCheck() {
        double max = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt")).maxScore();
        return ALTERNATIVES.stream().map(alternative -> dynamicTest("'" + alternative.name() + "' passes every check", () -> {
            StudentResult result = graded.of(alternative.variant().name());
            String who = "'" + alternative.name() + "'";
            assertEquals(Status.GRADED, result.status(), () -> who + " was not graded (is the fixture valid Java?): " + result.reason());
            List<String> notPassed = result.checks().stream().filter(s -> s.check().status() != Outcome.PASSED)
                    .map(s -> s.check().key() + " " + s.check().status() + ": " + s.check().message()).toList();
            assertEquals(List.of(), notPassed, () -> who + " is correct but did not pass every check");
            assertEquals(max, result.score(), 1e-9, () -> who + " is correct but lost points");
        }));
    }

    @Test
    @DisplayName("docs/checks.md lists every known-good submission")
    void theDesignDocumentListsTheFixtures() throws Exception {
        FixtureTable.requireDocumented("known-good", table());
    }

    /** The Markdown table of the alternatives. */
    static String table() {
        List<List<String>> rows = new ArrayList<>();
        ALTERNATIVES.forEach(a -> rows.add(List.of(a.name(), a.how())));
        return FixtureTable.table(List.of("submission", "written differently"), rows);
    }
}
