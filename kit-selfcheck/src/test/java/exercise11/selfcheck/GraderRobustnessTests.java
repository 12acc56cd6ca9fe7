package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hostile and broken submissions: none may crash or hang the grader; each gets a score and a one-line reason. */
@DisplayName("The grader, given hostile and broken submissions")
class GraderRobustnessTests {

    private static final String SERVER = "UdpServer.java";
    private static final String CLIENT = "UdpClient.java";
    private static Cohorts.Graded graded;
    private static boolean squatted;

    @BeforeAll
    static void gradeTheHostileCohort() throws Exception {
        List<Variant> cohort = List.of(
                Variant.ofSolution("endless-main").replace(CLIENT,
                        "    public static void main(String[] args) {\n",
                        "    public static void main(String[] args) {\n        while (args.length >= 0) {\n            Thread.onSpinWait();\n        }\n"),
                Variant.ofSolution("system-exit").replace(SERVER,
                        "        return \"('\" + source.getAddress()",
                        "        System.exit(3);\n        return \"('\" + source.getAddress()"),
                Variant.ofSolution("busy-receive").replace(SERVER,
                        "        socket.receive(packet);\n        return packet;",
                        "        while (true) {\n            try {\n                socket.receive(packet);\n                return packet;\n"
                                + "            } catch (IOException ignored) {\n                // a student's 'robust' loop: it never gives up\n            }\n        }"),
                Variant.ofSolution("huge-output").replace(SERVER,
                        "        return \"('\" + source.getAddress()",
                        "        String line = \"x\".repeat(1023);\n        for (int i = 0; i < 100 * 1024; i++) {\n"
                                + "            System.out.println(line);\n        }\n        return \"('\" + source.getAddress()"),
                Variant.ofSolution("stuck-threads").replace(CLIENT,
                        "        DatagramSocket socket = new DatagramSocket();\n",
                        "        Thread stuck = new Thread(() -> {\n            try {\n                new java.util.concurrent.CountDownLatch(1).await();\n"
                                + "            } catch (InterruptedException e) {\n                Thread.currentThread().interrupt();\n            }\n"
                                + "        });\n        stuck.start(); // not a daemon: it would keep a plain JVM alive for ever\n"
                                + "        DatagramSocket socket = new DatagramSocket();\n"),
                Variant.ofSolution("compile-error").replace(CLIENT, "return \"ATU \" + pythonTimestamp(time);", "return \"ATU \" + pythonTimestamp(time)"),
                Variant.ofSolution("unknown-symbol").replace(SERVER, "out.println(formatLine(", "out.println(formatLin("),
                Variant.ofSolution("changed-signature").replace(SERVER,
                        "public static String formatLine(InetSocketAddress source, String text)",
                        "public static String formatOutput(InetSocketAddress source, String text)")
                        .replace(SERVER, "out.println(formatLine(", "out.println(formatOutput("),
                Variant.ofSolution("port-squatted"),
                // A NUL and a terminal escape in every line the server formats: they reach the checks' messages.
                Variant.ofSolution("control-characters").replace(SERVER, "        return \"('\" + source.getAddress()",
                        "        return \"\\u0000\\u001b[2J('\" + source.getAddress()"));
        Path cohortFolder = Files.createDirectories(Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "hostile-input"));
        Cohorts.deleteTree(cohortFolder);
        Cohorts.deleteTree(cohortFolder.resolveSibling("hostile-grades")); // a rerun of these tests grades afresh
        Files.createDirectories(cohortFolder.resolve("empty-folder"));
        for (Variant variant : cohort) {
            variant.writeTo(Cohorts.KIT, cohortFolder);
        }
        // Only what a student writes is taken (Intake): links to a classmate's files, a JUnit listener registered
        // through META-INF with a class file beside it, and a class declared in the checks' package.
        Path linked = Variant.ofStarter("links-to-a-classmate").writeTo(Cohorts.KIT, cohortFolder);
        for (String file : List.of(CLIENT, SERVER)) {
            Path own = linked.resolve("src/main/java/exercise11").resolve(file);
            Files.delete(own);
            Files.createSymbolicLink(own, Cohorts.KIT.resolve("exercise-11-solution/src/main/java/exercise11").resolve(file));
        }
        Path listener = Variant.ofStarter("ships-a-listener").writeTo(Cohorts.KIT, cohortFolder);
        Path services = Files.createDirectories(listener.resolve("src/main/resources/META-INF/services"));
        Files.writeString(services.resolve("org.junit.platform.launcher.TestExecutionListener"), "exercise11.Flip\n");
        Files.write(listener.resolve("src/main/resources/Flip.class"), new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
        Path elsewhere = Variant.ofSolution("declares-another-package").writeTo(Cohorts.KIT, cohortFolder);
        Files.writeString(elsewhere.resolve("src/main/java/exercise11/CheckResult.java"),
                "package exercise11.grader.result;\n\npublic final class CheckResult {\n}\n");
        // The kit's default port is held by someone else the whole time: checks must not depend on it.
        try (DatagramSocket squatter = squat(2323)) {
            squatted = squatter != null;
            graded = Cohorts.gradeFolder(cohortFolder, cohortFolder.resolveSibling("hostile-grades"),
                    "--time-limit", "40", "--check-timeout", "8");
        }
    }

    @Test
    @DisplayName("an endless loop in main costs the program checks, not the run")
    void endlessMain() {
        StudentResult r = graded.of("endless-main");
        assertEquals(Status.GRADED, r.status(), r::reason);
        assertStatus(r, "ProgramTests#clientWorksWithNobodyListening", s -> s == Outcome.FAILED || s == Outcome.NOT_RUN);
        assertStatus(r, "UdpClientTests.SendOnce#sendsOneDatagramWithTheUtf8Text", s -> s == Outcome.PASSED);
    }

    @Test
    @DisplayName("System.exit in the code is refused by the allow-list: the file is graded as the starter's, with the reason")
    void systemExit() {
        StudentResult r = graded.of("system-exit");
        assertEquals(Status.GRADED, r.status(), r::reason);
        assertTrue(r.reason().contains("UdpServer.java:") && r.reason().contains("java.lang.System.exit is not allowed here"), r::reason);
        assertStatus(r, "UdpServerTests.FormatLine#printsLikePython", s -> s == Outcome.FAILED);
        assertStatus(r, "UdpClientTests.SendOnce#sendsOneDatagramWithTheUtf8Text", s -> s == Outcome.PASSED);
        assertTrue(r.checks().stream().anyMatch(s -> s.check().message().startsWith("not graded: UdpServer.java:")), r::reason);
        assertTrue(r.score() > 0 && r.score() < 100, "the client's checks still earn their points: " + r.score());
    }

    @Test
    @DisplayName("a receive loop that never gives up fails its checks by timeout, and the run goes on")
    void busyReceive() {
        StudentResult r = graded.of("busy-receive");
        assertEquals(Status.GRADED, r.status(), r::reason);
        assertStatus(r, "UdpServerTests.Serve#returnsWhenTheSocketIsClosed", s -> s == Outcome.FAILED || s == Outcome.NOT_RUN);
        assertStatus(r, "TimestampProperties#formatsEveryDateTimeAsPythonDoes", s -> s == Outcome.PASSED);
    }

    @Test
    @DisplayName("100 MB printed is cut at the source, the checks still count, and the reason says the output was too long")
    void hugeOutput() throws IOException {
        StudentResult r = graded.of("huge-output");
        assertEquals(Status.GRADED, r.status(), r::reason);
        assertTrue(r.reason().contains("output too long"), r::reason);
        assertStatus(r, "UdpServerTests.FormatLine#printsLikePython", s -> s == Outcome.PASSED);
        Path report = graded.out().resolve("students/huge-output/feedback.md");
        assertTrue(Files.size(report) < 1_000_000, "the feedback must not carry the submission's flood of output");
    }

    @Test
    @DisplayName("a thread of the submission's own is refused by the allow-list, with the line that starts it")
    void stuckThreads() {
        StudentResult r = graded.of("stuck-threads");
        assertTrue(r.reason().contains("UdpClient.java:") && r.reason().contains("new java.lang.Thread(...) is not allowed here"), r::reason);
        assertTrue(r.score() < 100, "a refused file cannot keep its points: " + r.score());
        assertStatus(r, "UdpServerTests.FormatLine#printsLikePython", s -> s == Outcome.PASSED);
    }

    @Test
    @DisplayName("a compile error gives status error with the compiler's message, and the checks of the rest still run")
    void compileError() {
        StudentResult r = graded.of("compile-error");
        assertEquals(Status.ERROR, r.status());
        assertTrue(r.reason().startsWith("your code does not compile: UdpClient.java:"), r::reason);
        assertStatus(r, "UdpServerTests.FormatLine#printsLikePython", s -> s == Outcome.PASSED);
        assertStatus(r, "UdpClientTests.Encode#encodesAsUtf8", s -> s == Outcome.PENDING);
        assertTrue(r.score() > 0 && r.score() < 100, "the server's checks earn their points: " + r.score());
    }

    @Test
    @DisplayName("a compile error shows the compiler's words under it: the line of code, the symbol and where it was looked for")
    void compileErrorNamesTheSymbol() throws IOException {
        StudentResult r = graded.of("unknown-symbol");
        assertEquals(Status.ERROR, r.status());
        assertTrue(java.util.regex.Pattern.compile("your code does not compile: UdpServer\\.java:\\d+: cannot find symbol\n"
                + "    .*formatLin\\(.*\n    symbol: +method formatLin\\(").matcher(r.reason()).find(), r::reason);
        String feedback = Files.readString(graded.out().resolve("students/unknown-symbol/feedback.md"));
        assertTrue(feedback.contains("symbol:") && feedback.contains("formatLin"), feedback);
    }

    @Test
    @DisplayName("a changed public signature costs only the checks that use it")
    void changedSignature() {
        StudentResult r = graded.of("changed-signature");
        assertEquals(Status.GRADED, r.status(), r::reason);
        assertTrue(r.checks().stream().anyMatch(s -> s.check().status() == Outcome.ERROR
                && s.check().message().contains("do not compile against your classes")), () -> "expected the server checks to be in error: " + r.checks());
        assertStatus(r, "UdpClientTests.SendOnce#sendsOneDatagramWithTheUtf8Text", s -> s == Outcome.PASSED);
        assertTrue(r.score() > 0 && r.score() < 100, "partly graded: " + r.score());
        assertTrue(r.reason().contains("the given signatures must stay exactly as they are") && r.reason().contains("formatLine"),
                () -> "the reason should name the changed signature before javac's words: " + r.reason());
    }

    @Test
    @DisplayName("files linked to a classmate's are not taken: the untouched starter's 0, and the feedback says why")
    void linksAreNotFollowed() {
        StudentResult r = graded.of("links-to-a-classmate");
        assertEquals(0.0, r.score(), 1e-9, r::reason);
        assertTrue(r.reason().contains("not taken") && r.reason().contains("UdpClient.java (a link)"), r::reason);
    }

    @Test
    @DisplayName("a JUnit listener shipped in META-INF, with a class file, is not taken and earns nothing")
    void resourcesBeyondTheSettingsAreNotTaken() {
        StudentResult r = graded.of("ships-a-listener");
        assertEquals(0.0, r.score(), 1e-9, r::reason);
        assertTrue(r.reason().contains("META-INF/services") && r.reason().contains("Flip.class"), r::reason);
    }

    @Test
    @DisplayName("a class declared outside package exercise11 (a copy of the grader's, say) is refused with a reason")
    void classesOutsideThePackageAreRefused() {
        StudentResult r = graded.of("declares-another-package");
        assertEquals(Status.ERROR, r.status(), r::reason);
        assertEquals(0.0, r.score(), 1e-9, r::reason);
        assertTrue(r.reason().contains("exercise11.grader.result.CheckResult"), r::reason);
    }

    @Test
    @DisplayName("control characters from a student's text are shown escaped in every report, never written raw")
    void controlCharactersAreEscaped() throws IOException {
        StudentResult r = graded.of("control-characters");
        assertTrue(r.score() < 100, "a line with a NUL in front is not Python's: " + r.score());
        Path folder = graded.out().resolve("students/control-characters");
        String feedback = Files.readString(folder.resolve("feedback.md"));
        assertTrue(feedback.toLowerCase(java.util.Locale.ROOT).contains("\\u0000"), "the NUL should show as \\u0000: " + feedback);
        try (var files = Files.list(folder)) {
            for (Path report : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(report);
                assertTrue(text.chars().noneMatch(c -> (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7f && c <= 0x9f)),
                        () -> report.getFileName() + " holds a raw control character");
            }
        }
    }

    @Test
    @DisplayName("an empty folder gives status error and a reason")
    void emptyFolder() {
        StudentResult r = graded.of("empty-folder");
        assertEquals(Status.ERROR, r.status());
        assertTrue(r.reason().contains("no src/main/java"), r::reason);
    }

    @Test
    @DisplayName("a squatted default port does not cost a correct submission anything")
    void squattedPort() {
        StudentResult r = graded.of("port-squatted");
        assertEquals(100.0, r.score(), 1e-9, () -> (squatted ? "with 2323 squatted: " : "") + notPassed(r));
    }

    private static void assertStatus(StudentResult r, String key, Predicate<Outcome> expected) {
        Rubric.Scored check = r.checks().stream().filter(s -> s.check().key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(r.student() + " has no check " + key + ": " + r.checks()));
        assertTrue(expected.test(check.check().status()), () -> r.student() + ": " + key + " was " + check.check().status()
                + ": " + check.check().message());
    }

    private static List<String> notPassed(StudentResult r) {
        return r.checks().stream().filter(s -> s.check().status() != Outcome.PASSED)
                .map(s -> s.check().key() + " " + s.check().status() + " " + s.check().message()).toList();
    }

    private static DatagramSocket squat(int port) {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return null; // someone else holds it already, which is the same situation
        }
    }
}
