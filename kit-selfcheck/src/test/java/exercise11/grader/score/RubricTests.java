package exercise11.grader.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.result.CheckResult;
import exercise11.harness.Dependencies;
import exercise11.harness.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rubric: what a check not run for a failed needed check costs")
class RubricTests {

    private static final CheckResult TIMESTAMP = new CheckResult("exercise11.checks.TimestampProperties", "matchesPythonExamples",
            "timestamp", List.of(1), Outcome.FAILED, "TODO 1: wrong", 1);
    private static final CheckResult CLIENT = new CheckResult("exercise11.checks.ProgramTests", "clientWorksWithNobodyListening",
            "client", List.of(1, 2, 3, 4), Outcome.NOT_RUN,
            Dependencies.NOT_RUN + "TimestampProperties (TimestampProperties#matchesPythonExamples failed): fix that first", 1);
    private static final CheckResult CUT = new CheckResult("exercise11.checks.ProgramTests", "clientToServerEndToEnd",
            "end to end", List.of(1, 2, 3, 4), Outcome.NOT_RUN, "not run: the run's time limit was reached first", 1);

    private static Rubric rubric(String notRun) {
        return Rubric.parse(List.of("TimestampProperties 4", "ProgramTests#clientWorksWithNobodyListening 3",
                "ProgramTests#clientToServerEndToEnd 6", notRun), "test");
    }

    @Test
    @DisplayName("by default such a check earns nothing, as before")
    void costsByDefault() {
        Rubric rubric = rubric("");
        assertFalse(rubric.notRunFree());
        assertEquals(List.of(0.0, 0.0, 0.0), rubric.score(List.of(TIMESTAMP, CLIENT, CUT)).stream().map(Rubric.Scored::earned).toList());
        assertEquals(List.of(0.0, 0.0, 0.0), rubric("@not-run costs").score(List.of(TIMESTAMP, CLIENT, CUT)).stream()
                .map(Rubric.Scored::earned).toList());
    }

    @Test
    @DisplayName("under '@not-run free' it costs nothing; a check cut by a time limit, or the failing one, still earns nothing")
    void freeWhenTheRubricSaysSo() {
        Rubric rubric = rubric("@not-run free  # one bug costs once");
        assertTrue(rubric.notRunFree());
        assertEquals(List.of(0.0, 3.0, 0.0), rubric.score(List.of(TIMESTAMP, CLIENT, CUT)).stream().map(Rubric.Scored::earned).toList());
        assertEquals(13.0, rubric.maxScore(), 1e-9, "the directive is no check and has no points");
    }

    @Test
    @DisplayName("a wrong or repeated '@not-run' line is refused with its line number")
    void refusesAWrongDirective() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Rubric.parse(List.of("TimestampProperties 4", "@not-run maybe"), "r.txt"));
        assertTrue(wrong.getMessage().startsWith("r.txt:2: expected '@not-run costs' or '@not-run free'"), wrong.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Rubric.parse(List.of("@not-run free", "@not-run costs"), "r.txt"));
        assertTrue(twice.getMessage().startsWith("r.txt:2: @not-run appears twice"), twice.getMessage());
    }
}
