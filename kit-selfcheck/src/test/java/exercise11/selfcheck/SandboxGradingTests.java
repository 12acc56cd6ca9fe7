package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import exercise11.harness.containers.RequiresDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The grader's --sandbox: each submission's checks run in a locked-down container. */
@RequiresDocker
@DisplayName("The grader with --sandbox")
class SandboxGradingTests {

    /** A file outside every submission's folder, which the hostile submission tries to write. */
    private static final Path ESCAPE = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "escaped-from-sandbox.txt")
            .toAbsolutePath();
    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeInTheSandbox() throws Exception {
        Files.deleteIfExists(ESCAPE);
        String writeOutside = "        try {\n"
                + "            java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + ESCAPE + "\"), \"escaped\");\n"
                + "        } catch (java.io.IOException | RuntimeException e) {\n"
                + "            // in the sandbox there is no such folder, and the root is read-only\n"
                + "        }\n"
                + "        return \"('\" + source.getAddress()";
        graded = Cohorts.grade("sandbox", List.of(
                Variant.ofSolution("solution"),
                Variant.ofSolution("writes-outside").replace("UdpServer.java", "        return \"('\" + source.getAddress()", writeOutside),
                // An honest solution with leftover debug prints: far more output than Docker keeps, still 100 %.
                Variant.ofSolution("chatty").replace("UdpServer.java", "        return \"('\" + source.getAddress()",
                        "        for (int i = 0; i < 2_000; i++) {\n            System.err.println(\"debug \" + i + \" \" + \"-\".repeat(100));\n"
                                + "        }\n        return \"('\" + source.getAddress()")),
                "--sandbox", "--time-limit", "90");
    }

    @Test
    @DisplayName("a correct submission still scores 100 %: the checks need nothing but loopback")
    void solutionScoresFullInTheSandbox() {
        StudentResult solution = graded.of("solution");
        List<String> notPassed = solution.checks().stream().filter(s -> s.check().status() != Outcome.PASSED)
                .map(s -> s.check().key() + " " + s.check().status() + ": " + s.check().message()).toList();
        assertEquals(List.of(), notPassed, "in the sandbox every check should still pass on the solution");
    }

    @Test
    @DisplayName("an honest submission that prints a great deal still scores 100 %: no result line is lost")
    void chattySubmissionKeepsItsScore() {
        StudentResult chatty = graded.of("chatty");
        assertEquals(100.0, chatty.score(), 1e-9, () -> chatty.reason() + "\n" + chatty.checks().stream()
                .filter(s -> s.check().status() != Outcome.PASSED).map(s -> s.check().key() + " " + s.check().status()).toList());
    }

    @Test
    @DisplayName("a submission cannot write outside the sandbox")
    void writesOutsideAreKeptIn() {
        StudentResult hostile = graded.of("writes-outside");
        assertEquals(Status.GRADED, hostile.status(), hostile::reason);
        assertTrue(hostile.count(Outcome.PASSED) > 0, "its checks ran");
        assertFalse(Files.exists(ESCAPE), "the submission wrote " + ESCAPE + " on the grader's machine");
    }
}
