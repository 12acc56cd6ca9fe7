package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import exercise11.harness.ProgressSummary.Result;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

@DisplayName("ProgressSummary")
class ProgressSummaryTests {

    @Test
    @DisplayName("counts each check under the latest TODO it needs, and points at the failing check that needs the fewest")
    void summarisesByTodo() {
        List<String> lines = ProgressSummary.render(List.of(
                new Result("a", List.of(1), Outcome.PASSED, ""),
                new Result("b", List.of(1, 2), Outcome.FAILED, "expected x\nbut was y"),
                new Result("c", List.of(3), Outcome.PENDING, "TODO 3: open a socket"),
                new Result("e", List.of(1, 2, 3), Outcome.FAILED, "a broader check"),
                new Result("d", List.of(), Outcome.PASSED, "")));
        assertEquals("Exercise 11 checks: 2 passed, 2 failed, 1 pending", lines.get(1));
        assertHasLine(lines, "  TODO 1     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 2     FAILING      0 passed, 1 failed, 0 pending");
        assertHasLine(lines, "      first failure: b: expected x");
        assertHasLine(lines, "  TODO 3     FAILING      0 passed, 1 failed, 1 pending");
        assertHasLine(lines, "  given code done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "Next: fix TODO 2; start with: b");
    }

    @Test
    @DisplayName("a TODO is done when its own checks pass, though checks that also need later TODOs are pending")
    void aTodoIsDoneWhenItsOwnChecksPass() {
        List<String> lines = ProgressSummary.render(List.of(
                new Result("a", List.of(1), Outcome.PASSED, ""),
                new Result("c", List.of(1, 4), Outcome.PENDING, "TODO 3: create a socket")));
        assertHasLine(lines, "  TODO 1     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 3     not started  0 passed, 0 failed, 1 pending");
        assertHasLine(lines, "      to do: TODO 3: create a socket");
        assertHasLine(lines, "Next: TODO 3 in src/main/java.");
    }

    @Test
    @DisplayName("blames the TODO a failure names, not every TODO its check needs")
    void blamesTheTodoTheFailureNames() {
        List<String> lines = ProgressSummary.render(List.of(
                new Result("enc", List.of(2), Outcome.PASSED, ""),
                new Result("open", List.of(3), Outcome.PASSED, ""),
                new Result("leak", List.of(2, 3, 4), Outcome.FAILED, "TODO 4: the socket sendOnce opened is never closed")));
        assertHasLine(lines, "  TODO 2     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 3     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 4     FAILING      0 passed, 1 failed, 0 pending");
        assertHasLine(lines, "Next: fix TODO 4; start with: leak");
    }

    @Test
    @DisplayName("shows an example-based failure before a property check's, and skips QuickTheories' first line")
    void showsTheClearestFailureFirst() {
        List<String> lines = ProgressSummary.render(List.of(
                new Result("prop", List.of(1), Outcome.FAILED, "Property falsified after 1 example(s)\nSmallest found falsifying value(s) :-\n{2000-01-01T00:00}"),
                new Result("example", List.of(1), Outcome.FAILED, "expected: <2026-11-23 19:05:07> but was: <2026-11-23T19:05:07>")));
        assertHasLine(lines, "      first failure: example: expected: <2026-11-23 19:05:07> but was: <2026-11-23T19:05:07>");
        List<String> only = ProgressSummary.render(List.of(
                new Result("prop", List.of(1), Outcome.FAILED, "Property falsified after 1 example(s)\nSmallest found falsifying value(s) :-")));
        assertHasLine(only, "      first failure: prop: Smallest found falsifying value(s) :-");
    }

    @Test
    @DisplayName("names the checks that did not run, and why, so that a skip is not mistaken for a pass")
    void showsSkippedChecks() {
        String why = "skipped: the cross-host checks need Docker: no Docker engine answered.";
        List<String> lines = ProgressSummary.render(List.of(
                new Result("a", List.of(1), Outcome.PASSED, ""),
                new Result("x", List.of(1, 9), Outcome.SKIPPED, why),
                new Result("y", List.of(4), Outcome.SKIPPED, why)));
        assertEquals("Exercise 11 checks: 1 passed, 0 failed, 0 pending, 2 skipped", lines.get(1));
        assertHasLine(lines, "  skipped    2 checks did not run, so they are not passed");
        assertHasLine(lines, "  TODO 1     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 9     NOT RUN      0 passed, 0 failed, 0 pending, 1 skipped");
        assertTrue(lines.contains("      why: " + why), lines::toString);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("      why: ")).count(), lines::toString);
    }

    @Test
    @DisplayName("counts every check of a class skipped as a whole, not just the class")
    void countsTheChecksOfASkippedClass() {
        List<String> printed = new java.util.ArrayList<>();
        ProgressSummary summary = new ProgressSummary(printed::addAll);
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass("exercise11.checks.SkippedClassFixture"))
                        .build(), summary);
        List<Result> outcomes = summary.outcomes();
        assertEquals(2, outcomes.size(), outcomes::toString);
        assertTrue(outcomes.stream().allMatch(o -> o.status() == Outcome.SKIPPED
                && o.reason().equals("skipped: these checks need Docker: no Docker engine answered.")), outcomes::toString);
        assertTrue(outcomes.stream().anyMatch(o -> o.todos().equals(List.of(3))), outcomes::toString);
        assertHasLine(printed, "  skipped    2 checks did not run, so they are not passed");
    }

    /** Fail with every line of the summary unless it holds {@code line}. */
    private static void assertHasLine(List<String> lines, String line) {
        assertTrue(lines.contains(line), () -> "no line '" + line + "' in:\n" + String.join("\n", lines));
    }
}
