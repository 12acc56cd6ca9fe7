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
    @DisplayName("counts each check under every TODO it names and points at the first failing TODO")
    void summarisesByTodo() {
        List<String> lines = ProgressSummary.render(List.of(
                new Result("a", List.of(1), Outcome.PASSED, ""),
                new Result("b", List.of(1, 2), Outcome.FAILED, "expected x\nbut was y"),
                new Result("c", List.of(3), Outcome.PENDING, "TODO 3: open a socket"),
                new Result("e", List.of(1, 2, 3), Outcome.FAILED, "a broader check"),
                new Result("d", List.of(), Outcome.PASSED, "")));
        assertEquals("Exercise 11 checks: 2 passed, 2 failed, 1 pending", lines.get(1));
        assertTrue(lines.contains("  TODO 1     FAILING      1 passed, 2 failed, 0 pending"), lines::toString);
        assertTrue(lines.contains("      first failure: b: expected x"), lines::toString);
        assertTrue(lines.contains("  TODO 3     FAILING      0 passed, 1 failed, 1 pending"), lines::toString);
        assertTrue(lines.contains("  given code done         1 passed, 0 failed, 0 pending"), lines::toString);
        assertTrue(lines.contains("Next: fix TODO 1/2; start with: b"), lines::toString);
    }

    @Test
    @DisplayName("sends a student to the first TODO not started when nothing fails")
    void pointsAtTheFirstPendingTodo() {
        List<String> lines = ProgressSummary.render(List.of(
                new Result("a", List.of(1), Outcome.PASSED, ""),
                new Result("c", List.of(2, 3), Outcome.PENDING, "TODO 2: encode")));
        assertTrue(lines.contains("  TODO 3     not started  0 passed, 0 failed, 1 pending"), lines::toString);
        assertTrue(lines.contains("      to do: (its checks reach another TODO first)"), lines::toString);
        assertTrue(lines.contains("Next: TODO 2 in src/main/java."), lines::toString);
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
        assertTrue(lines.contains("  skipped    2 checks did not run, so they are not passed"), lines::toString);
        assertTrue(lines.contains("  TODO 1     partly run   1 passed, 0 failed, 0 pending, 1 skipped"), lines::toString);
        assertTrue(lines.contains("  TODO 9     NOT RUN      0 passed, 0 failed, 0 pending, 1 skipped"), lines::toString);
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
        assertTrue(printed.contains("  skipped    2 checks did not run, so they are not passed"), printed::toString);
    }
}
