package exercise11.selfcheck.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.SubmissionGrader;
import exercise11.kit.Export;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The student's build of the exported repository, run where the loopback behaves as another system's does
 * ({@link ForeignLoopback}): correct code stays green, the checks that rest on the missing behaviour are reported
 * <em>not on this machine</em> with what the machine does instead, every other check ends as on Linux, and a grading
 * run (the Classroom step, {@code bin/grade}) refuses the machine instead of skipping anything.
 *
 * <p>Maven runs offline ({@code -o}) in the namespaces, which have no network; the build on this machine's own
 * loopback, run first, fills the local repository.
 */
@DisplayName("Other systems' loopbacks, emulated in network namespaces")
class ForeignLoopbackTests {

    private static final Path KIT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "platforms").toAbsolutePath();
    /** What the student types, offline (the namespace has no network). */
    private static final String[] STUDENT = {"mvn", "-o", "-B", "-ntp", "verify"};
    /** The kit's CI asks every build to fail rather than skip; a student's machine does not. */
    private static final List<String> NOT_ON_A_STUDENTS_MACHINE = List.of("EXERCISE11_REQUIRE_LOOPBACK");
    private static final Pattern CASE = Pattern.compile(
            "<testcase name=\"([^\"]*)\" classname=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL);
    /** The checks each emulation must report not on this machine, named as surefire names them. */
    private static final Map<ForeignLoopback, Set<String>> NOT_HERE = Map.of(
            ForeignLoopback.NO_BROADCAST, Set.of(
                    "LessonTests$Broadcast#broadcastNeedsTheOption",
                    "LessonTests$Broadcast#receivingNeedsNoBroadcastOption",
                    "LessonTests$Broadcast#serverBoundTo127001MissesBroadcasts",
                    "UdpClientTests$SendOnce#sendsToTheLoopbackBroadcastAddress",
                    "UdpServerTests$OpenSocket#wildcardSocketReceivesBroadcasts"),
            ForeignLoopback.NO_ICMP, Set.of(
                    "LessonTests$NobodyListening#connectedSocketHearsPortUnreachable",
                    "LessonTests$NobodyListening#unconnectedSocketIsNeverTold",
                    "LessonTests$NobodyListening#broadcastGetsNoIcmpAnswer"),
            ForeignLoopback.ONE_ADDRESS, Set.of(
                    "LessonTests$Given#clientAddressWouldShowIfBound",
                    "LessonTests$Broadcast#broadcastNeedsTheOption"));
    /** What the summary must say each emulated machine does instead. */
    private static final Map<ForeignLoopback, List<String>> SEEN = Map.of(
            ForeignLoopback.NO_BROADCAST, List.of("a datagram sent to 127.255.255.255 never reached a socket bound to 0.0.0.0"),
            ForeignLoopback.NO_ICMP, List.of("no ICMP 'port unreachable' came back to a connected socket"),
            ForeignLoopback.ONE_ADDRESS, List.of("127.0.0.0 cannot be bound here",
                    "a socket with SO_BROADCAST off sent a datagram to 127.255.255.255 without being refused"));

    private static Path starter;
    private static Path done;
    private static ForeignLoopback.Ran plain;
    private static Map<String, String> onLinux;

    @BeforeAll
    static void exportAndBuildOnThisMachine() throws IOException {
        ForeignLoopback.requireNamespaces();
        SubmissionGrader.deleteTree(WORK);
        starter = WORK.resolve("starter");
        Export.student(KIT, starter);
        done = WORK.resolve("done");
        SubmissionGrader.copyTree(starter, done);
        SubmissionGrader.copyTree(KIT.resolve("exercise-11-solution/src/main/java"), done.resolve("src/main/java"));
        // On this machine's own loopback and network, which also fills the local repository for the offline runs.
        plain = ForeignLoopback.here(done, NOT_ON_A_STUDENTS_MACHINE, "mvn", "-B", "-ntp", "verify");
        onLinux = outcomes(done);
    }

    @Test
    @DisplayName("on Linux's own loopback nothing is skipped: every check of the solution's bodies passes")
    void plainLoopbackSkipsNothing() {
        assertEquals(0, plain.exitCode(), plain.output());
        assertTrue(onLinux.size() > 50, onLinux::toString); // checks by method; the summary counts each invocation
        assertTrue(summary(plain.output()).matches("(?s)Exercise 11 checks: 1\\d\\d passed, 0 failed, 0 pending\n.*"),
                plain.output());
        assertEquals(Set.of("passed"), Set.copyOf(onLinux.values()), onLinux::toString);
        assertFalse(plain.output().contains("not on this machine"), plain.output());
        assertTrue(plain.output().contains("All nine TODOs done: every check passes."), plain.output());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ForeignLoopback.class, names = {"NO_BROADCAST", "NO_ICMP", "ONE_ADDRESS"})
    @DisplayName("the solution's bodies stay green: the checks resting on what is missing are not on this machine, the rest pass")
    void solutionBodiesStayGreen(ForeignLoopback loopback) throws IOException {
        ForeignLoopback.Ran ran = loopback.run(done, NOT_ON_A_STUDENTS_MACHINE, STUDENT);
        assertEquals(0, ran.exitCode(), ran.output());
        Map<String, String> here = outcomes(done);
        assertEquals(onLinux.keySet(), here.keySet(), "the same checks should run");
        Set<String> notHere = NOT_HERE.get(loopback);
        for (Map.Entry<String, String> check : here.entrySet()) {
            String expected = notHere.contains(check.getKey()) ? "not on this machine" : onLinux.get(check.getKey());
            assertEquals(expected, check.getValue(), check.getKey() + "\n" + summary(ran.output()));
        }
        String summary = summary(ran.output());
        assertTrue(summary.contains(", 0 failed, 0 pending, " + notHere.size() + " not on this machine"), summary);
        assertTrue(summary.contains("every check that can run here passes (" + notHere.size() + " not on this machine"), summary);
        assertFalse(summary.contains("Next:"), summary);
        SEEN.get(loopback).forEach(seen -> assertTrue(summary.contains(seen), seen + "\n" + summary));
        assertTrue(summary.contains("graded on Linux, where"), summary);
    }

    @Test
    @DisplayName("the untouched starter stays green with every TODO not started, on a loopback that lacks all of it at once")
    void untouchedStarterStaysGreen() throws IOException {
        ForeignLoopback.Ran ran = ForeignLoopback.ALL.run(starter, NOT_ON_A_STUDENTS_MACHINE, STUDENT);
        assertEquals(0, ran.exitCode(), ran.output());
        String summary = summary(ran.output());
        assertTrue(summary.contains(" passed, 0 failed, "), summary);
        assertTrue(summary.contains("given code done ") && summary.contains("1 not on this machine"), summary);
        for (int todo = 1; todo <= 9; todo++) {
            assertTrue(summary.contains("TODO " + todo + "     not started"), "TODO " + todo + "\n" + summary);
        }
        assertTrue(summary.contains("Next: write TODO 1 "), summary);
        assertTrue(summary.contains("127.0.0.0 cannot be bound here"), summary);
    }

    @Test
    @DisplayName("the Classroom step grades, so it never skips: on such a runner its result is an error that says why")
    void classroomStepRefusesTheMachine() throws IOException {
        Path output = done.resolve("target/github-output.txt");
        Files.createDirectories(output.getParent());
        Files.deleteIfExists(output);
        ForeignLoopback.Ran ran = ForeignLoopback.NO_BROADCAST.run(done, NOT_ON_A_STUDENTS_MACHINE, "env",
                "GITHUB_OUTPUT=" + output, "bash", ".github/classroom/checks.sh");
        assertEquals(0, ran.exitCode(), ran.output());
        String line = Files.readString(output).strip();
        assertTrue(line.startsWith("result="), line);
        String result = new String(Base64.getDecoder().decode(line.substring("result=".length())), StandardCharsets.UTF_8);
        assertTrue(result.contains("\"status\": \"error\""), result);
        assertTrue(result.contains("this machine cannot grade") && result.contains("127.255.255.255"), result);
        assertFalse(result.contains("\"status\": \"pass\""), result);
        assertTrue(ran.output().contains("ERROR: this machine cannot grade"), ran.output());
        assertTrue(ran.output().contains("Next: nothing in the code to fix"), ran.output());
        assertFalse(summary(ran.output()).contains("not on this machine"), ran.output());
    }

    @Test
    @DisplayName("bin/grade refuses such a machine before grading anyone: exit 3, one line, no output folder")
    void graderRefusesTheMachine() throws IOException {
        Path cohort = WORK.resolve("cohort");
        SubmissionGrader.copyTree(done.resolve("src"), cohort.resolve("alice/src"));
        Path out = WORK.resolve("grades");
        ForeignLoopback.Ran ran = ForeignLoopback.NO_ICMP.run(KIT, NOT_ON_A_STUDENTS_MACHINE, KIT.resolve("bin/grade").toString(),
                cohort.toString(), "--out", out.toString());
        assertEquals(3, ran.exitCode(), ran.output());
        List<String> errors = ran.output().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), ran.output());
        assertTrue(errors.get(0).contains("this machine cannot grade") && errors.get(0).contains("ICMP"), ran.output());
        assertFalse(Files.exists(out), "bin/grade left " + out);
    }

    /** The summary the build printed: from its first line to the dashed line that ends it. */
    private static String summary(String output) {
        int start = output.lastIndexOf("Exercise 11 checks:");
        assertTrue(start >= 0, "no summary in:\n" + output);
        int end = output.indexOf("-".repeat(72), start);
        return output.substring(start, end < 0 ? output.length() : end);
    }

    /** Every check of the last build in {@code repository}, by class and method, with how it ended. */
    private static Map<String, String> outcomes(Path repository) throws IOException {
        Map<String, String> outcomes = new TreeMap<>();
        try (Stream<Path> reports = Files.list(repository.resolve("target/surefire-reports"))) {
            for (Path report : reports.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList()) {
                Matcher m = CASE.matcher(Files.readString(report, StandardCharsets.UTF_8));
                while (m.find()) {
                    String key = m.group(2).substring(m.group(2).lastIndexOf('.') + 1) + "#" + m.group(1).replaceFirst("\\(.*$", "");
                    String body = m.group(4) == null ? "" : m.group(4);
                    String outcome = body.contains("<failure") || body.contains("<error") ? "failed"
                            : body.contains("Outcome$NotOnThisMachine") ? "not on this machine"
                            : body.contains("<skipped") ? "skipped" : "passed";
                    outcomes.merge(key, outcome, (a, b) -> a.equals("passed") ? b : a);
                }
            }
        }
        return outcomes;
    }
}
