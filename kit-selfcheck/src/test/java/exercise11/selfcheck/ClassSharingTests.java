package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.score.StudentResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The archive of the kit's classes that the checks' JVMs share: with it, every check of every submission comes out as
 * without it, a submission whose public API differs from the solution's included (its checks are compiled apart and
 * run without the archive).
 */
@DisplayName("Class data sharing for the checks' JVMs")
class ClassSharingTests {

    @Test
    @DisplayName("with and without the archive, a solution, the starter, a wrong TODO and a changed API grade check for check the same")
    void sameResultsWithAndWithoutTheArchive() throws IOException {
        List<Variant> cohort = List.of(Variant.ofSolution("solution"), Variant.ofStarter("starter"),
                Variant.ofSolution("short-buffer").replace("UdpServer.java", "new byte[BUFFER_SIZE], BUFFER_SIZE",
                        "new byte[512], 512"),
                Variant.ofSolution("extra-method").replace("UdpServer.java", "public final class UdpServer {",
                        "public final class UdpServer {\n    public static int extra() {\n        return 1;\n    }\n"));
        Cohorts.Graded shared = Cohorts.grade("sharing-on", cohort, "--class-sharing", "on", "--no-similarity");
        Cohorts.Graded alone = Cohorts.grade("sharing-off", cohort, "--class-sharing", "off", "--no-similarity");
        assertTrue(shared.log().contains("class sharing: each checks' JVM maps an archive of "), shared.log());
        assertFalse(alone.log().contains("class sharing"), alone.log());
        for (Variant variant : cohort) {
            StudentResult on = shared.of(variant.name());
            StudentResult off = alone.of(variant.name());
            assertEquals(outcomes(off), outcomes(on), variant.name());
            assertEquals(off.score(), on.score(), variant.name());
            assertEquals(off.status(), on.status(), variant.name());
        }
        assertEquals(100.0, shared.of("solution").score(), 1e-9, shared.log());
        assertEquals(0.0, shared.of("starter").score(), 1e-9, shared.log());
        assertTrue(shared.of("short-buffer").score() < 100.0, shared.log());
    }

    private static Map<String, String> outcomes(StudentResult result) {
        Map<String, String> outcomes = new TreeMap<>();
        result.checks().forEach(s -> outcomes.put(s.check().key(), s.check().status() + " " + s.earned()));
        return outcomes;
    }
}
