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
        List<String> lines = render(List.of(
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
        assertHasLine(lines, "Next: fix TODO 2 in src/main/java/exercise11/UdpClient.java (encode); start with: b");
    }

    @Test
    @DisplayName("a TODO is done when its own checks pass, though checks that also need later TODOs are pending")
    void aTodoIsDoneWhenItsOwnChecksPass() {
        List<String> lines = render(List.of(
                new Result("a", List.of(1), Outcome.PASSED, ""),
                new Result("c", List.of(1, 4), Outcome.PENDING, "TODO 3: create a socket")));
        assertHasLine(lines, "  TODO 1     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 3     not started  0 passed, 0 failed, 1 pending");
        assertHasLine(lines, "      to do: TODO 3: create a socket");
        assertHasLine(lines, "Next: write TODO 3 in src/main/java/exercise11/UdpClient.java (openBroadcastSocket).");
    }

    @Test
    @DisplayName("blames the TODO a failure names, not every TODO its check needs")
    void blamesTheTodoTheFailureNames() {
        List<String> lines = render(List.of(
                new Result("enc", List.of(2), Outcome.PASSED, ""),
                new Result("open", List.of(3), Outcome.PASSED, ""),
                new Result("leak", List.of(2, 3, 4), Outcome.FAILED, "TODO 4: the socket sendOnce opened is never closed")));
        assertHasLine(lines, "  TODO 2     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 3     done         1 passed, 0 failed, 0 pending");
        assertHasLine(lines, "  TODO 4     FAILING      0 passed, 1 failed, 0 pending");
        assertHasLine(lines, "Next: fix TODO 4 in src/main/java/exercise11/UdpClient.java (sendOnce); start with: leak");
    }

    @Test
    @DisplayName("shows an example-based failure before a property check's, and skips QuickTheories' first line")
    void showsTheClearestFailureFirst() {
        List<String> lines = render(List.of(
                new Result("prop", List.of(1), Outcome.FAILED, "Property falsified after 1 example(s)\nSmallest found falsifying value(s) :-\n{2000-01-01T00:00}"),
                new Result("example", List.of(1), Outcome.FAILED, "expected: <2026-11-23 19:05:07> but was: <2026-11-23T19:05:07>")));
        assertHasLine(lines, "      first failure: example: expected: <2026-11-23 19:05:07> but was: <2026-11-23T19:05:07>");
        List<String> only = render(List.of(
                new Result("prop", List.of(1), Outcome.FAILED, "Property falsified after 1 example(s)\nSmallest found falsifying value(s) :-")));
        assertHasLine(only, "      first failure: prop: Smallest found falsifying value(s) :-");
    }

    @Test
    @DisplayName("names the checks that did not run, and why, so that a skip is not mistaken for a pass")
    void showsSkippedChecks() {
        String why = "skipped: the cross-host checks need Docker: no Docker engine answered.";
        List<String> lines = render(List.of(
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

    @Test
    @DisplayName("shows the failure that explains a mistake first, not a timeout or a message naming no TODO that follows from it")
    void putsTheExplainingFailureBeforeItsConsequences() {
        // An off-by-one in serve's loop (TODO 9): one check says so, another only times out in the extra receive.
        Result timedOut = new Result("serve > keeps serving after bad UTF-8", List.of(6, 7, 8, 9), Outcome.FAILED,
                "Receive timed out", "", true);
        Result explains = new Result("serve > prints one line per datagram", List.of(6, 7, 8, 9), Outcome.FAILED,
                "serve(socket, out, 4) was sent 4 datagrams but did not return: it was still receiving when the check's"
                        + " socket timed out after 4000 ms (printed so far: [...]). TODO 9: stop after limit datagrams.");
        for (List<Result> order : List.of(List.of(timedOut, explains), List.of(explains, timedOut))) {
            List<String> lines = render(order);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("      first failure: serve > prints one line per datagram: serve(")),
                    () -> String.join("\n", lines));
            assertTrue(lines.stream().noneMatch(l -> l.contains("Receive timed out")), () -> String.join("\n", lines));
            assertHasLine(lines, "Next: fix TODO 9 in src/main/java/exercise11/UdpServer.java (serve); start with: serve >"
                    + " prints one line per datagram");
        }
        // The same holds for a check's own message that names no TODO, and for a timeout that names one.
        Result unnamed = new Result("e2e", List.of(7, 9), Outcome.FAILED, "expected 3 lines", "", false);
        Result namedTimeout = new Result("loop", List.of(9), Outcome.FAILED, "TODO 9: serve waited", "", true);
        Result named = new Result("decode", List.of(7, 9), Outcome.FAILED, "TODO 9: a long message that explains it all", "", false);
        List<String> lines = render(List.of(unnamed, namedTimeout, named));
        assertHasLine(lines, "      first failure: decode: TODO 9: a long message that explains it all");
        assertHasLine(lines, "Next: fix TODO 9 in src/main/java/exercise11/UdpServer.java (serve); start with: decode");
    }

    @Test
    @DisplayName("still points at a failure that names no TODO when no other failure explains the TODOs it needs")
    void keepsAnUnexplainedFailureFirst() {
        // A NullPointerException in receive (TODO 6) and a serve check that names TODO 9: the receive check is no
        // consequence of TODO 9, and needs fewer TODOs.
        List<String> lines = render(List.of(
                new Result("serve", List.of(6, 7, 8, 9), Outcome.FAILED, "TODO 9: print one line per datagram", "", false),
                new Result("receive", List.of(6), Outcome.FAILED, "java.lang.NullPointerException", "", true)));
        assertHasLine(lines, "Next: fix TODO 6 in src/main/java/exercise11/UdpServer.java (receive); start with: receive");
    }

    @Test
    @DisplayName("names the file to edit from where the build ran: the module's folder in the kit, none in a student's repository")
    void namesTheFileFromWhereTheBuildRan() {
        List<Result> failing = List.of(new Result("d", List.of(7), Outcome.FAILED, "TODO 7: decode as UTF-8"));
        assertHasLine(ProgressSummary.render(failing, "exercise-11-starter/src/main/java", List.of()),
                "Next: fix TODO 7 in exercise-11-starter/src/main/java/exercise11/UdpServer.java (decode); start with: d");
        assertEquals("exercise-11-starter/src/main/java",
                TodoSites.sources("/kit/exercise-11-starter/src/main/java", "/kit"));
        assertEquals("src/main/java", TodoSites.sources("/repo/src/main/java", "/repo"));
        assertEquals("src/main/java", TodoSites.sources("/elsewhere/src/main/java", "/repo"));
        assertEquals("src/main/java", TodoSites.sources("", "/repo"));
    }

    @Test
    @DisplayName("counts checks not on this machine apart, says what the machine does instead, and never names them in Next:")
    void countsChecksNotOnThisMachineApart() {
        List<Result> all = new java.util.ArrayList<>();
        all.add(new Result("given", List.of(), Outcome.PASSED, ""));
        for (int todo = 1; todo <= 9; todo++) {
            all.add(new Result("check " + todo, List.of(todo), Outcome.PASSED, ""));
        }
        String reason = "not on this machine: here it does X; graded on Linux, where it does Y (see docs/student-guide.md#x)";
        all.add(new Result("broadcast", List.of(3), Outcome.NOT_ON_THIS_MACHINE, reason));
        all.add(new Result("broadcast too", List.of(5), Outcome.NOT_ON_THIS_MACHINE, reason));
        List<String> lines = render(all);
        assertEquals("Exercise 11 checks: 10 passed, 0 failed, 0 pending, 2 not on this machine", lines.get(1));
        assertHasLine(lines, "  TODO 3     done         1 passed, 0 failed, 0 pending, 1 not on this machine");
        assertHasLine(lines, "      here it does X; graded on Linux, where it does Y");
        assertHasLine(lines, "All nine TODOs done: every check that can run here passes (2 not on this machine, see above).");
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Next:")), lines::toString);

        List<Result> failing = new java.util.ArrayList<>(all);
        failing.add(new Result("sendOnce", List.of(4), Outcome.FAILED, "TODO 4: wrong"));
        assertHasLine(render(failing), "Next: fix TODO 4 in src/main/java/exercise11/UdpClient.java (sendOnce); start with: sendOnce");
    }

    @Test
    @DisplayName("on a grading run that found the machine unfit, says so first and sends nobody to fix code")
    void aMachineThatCannotGradeIsNamedFirst() {
        List<String> lines = ProgressSummary.render(List.of(new Result("a", List.of(3), Outcome.FAILED, "this machine cannot grade")),
                "src/main/java", List.of("this machine cannot grade the checks: here X"));
        assertEquals("ERROR: this machine cannot grade the checks: here X", lines.get(1));
        assertHasLine(lines, "Next: nothing in the code to fix: this machine cannot grade these checks (see ERROR above).");
    }

    @Test
    @DisplayName("says in one line that the exercise is finished, and only when every TODO's checks ran and passed")
    void saysWhenTheExerciseIsFinished() {
        List<Result> all = new java.util.ArrayList<>();
        all.add(new Result("given", List.of(), Outcome.PASSED, ""));
        for (int todo = 1; todo <= 9; todo++) {
            all.add(new Result("check " + todo, List.of(todo), Outcome.PASSED, ""));
        }
        List<String> lines = render(all);
        assertHasLine(lines, "All nine TODOs done: every check passes.");
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Next:")), lines::toString);

        List<Result> withSkipped = new java.util.ArrayList<>(all);
        withSkipped.add(new Result("cross-host", List.of(9), Outcome.SKIPPED, "skipped: no Docker"));
        assertHasLine(render(withSkipped), "All nine TODOs done: every check that ran passes (1 skipped, see above).");

        assertHasLine(render(all.subList(2, 5)), "TODOs 2, 3, 4 done: every check passes; this run left out the checks of the"
                + " other TODOs.");
        List<Result> pending = new java.util.ArrayList<>(all);
        pending.add(new Result("later", List.of(9), Outcome.PENDING, "TODO 9: loop"));
        assertTrue(render(pending).stream().noneMatch(l -> l.contains("done: every check")), () -> render(pending).toString());
        List<Result> failing = new java.util.ArrayList<>(all);
        failing.add(new Result("wrong", List.of(9), Outcome.FAILED, "TODO 9: loop"));
        assertTrue(render(failing).stream().noneMatch(l -> l.contains("done: every check")), () -> render(failing).toString());
    }

    /** The summary as a student's repository shows it, whatever this build's own folders are. */
    private static List<String> render(List<Result> results) {
        return ProgressSummary.render(results, TodoSites.DEFAULT_SOURCES, List.of());
    }

    /** Fail with every line of the summary unless it holds {@code line}. */
    private static void assertHasLine(List<String> lines, String line) {
        assertTrue(lines.contains(line), () -> "no line '" + line + "' in:\n" + String.join("\n", lines));
    }
}
