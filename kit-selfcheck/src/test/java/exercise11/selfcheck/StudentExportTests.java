package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.score.Rubric;
import exercise11.kit.Export;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/export student DIR}, proved as a teacher and a student would use it: export, clone the result, build
 * the untouched starter (every TODO pending, nothing failed), then put the solution's bodies in (nothing failed,
 * nothing pending).
 */
@DisplayName("The repository for students (bin/export student)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudentExportTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "export").toAbsolutePath();
    private static final Pattern SUMMARY = Pattern.compile("Exercise 11 checks: (\\d+) passed, (\\d+) failed, (\\d+) pending");
    private static Path exported;
    private static Path clone;

    @BeforeAll
    static void exportAndClone() throws Exception {
        Cohorts.deleteTree(WORK);
        exported = WORK.resolve("exported");
        Export.student(Cohorts.KIT, exported);
        clone = WORK.resolve("clone");
        run(WORK, "git", "clone", "-q", exported.toString(), clone.toString());
    }

    @Test
    @Order(1)
    @DisplayName("is one commit with nothing left uncommitted")
    void isOneCleanCommit() throws Exception {
        assertEquals("1", run(exported, "git", "rev-list", "--count", "HEAD").strip());
        assertEquals("", run(exported, "git", "status", "--porcelain").strip());
    }

    @Test
    @Order(2)
    @DisplayName("holds the starter, the visible checks, their support, a README, the guide and the Classroom workflow")
    void holdsWhatAStudentNeeds() {
        for (String path : List.of("pom.xml", "README.md", ".gitignore", ".github/workflows/classroom.yml",
                "docs/student-guide.md", "docs/diagrams/udp-unconnected.svg", "docs/demos/ConnectedClient.java",
                "src/main/java/exercise11/UdpClient.java", "src/main/resources/settings/udp.properties",
                "src/test/java/exercise11/checks/UdpServerTests.java", "src/test/java/exercise11/harness/ProgressSummary.java",
                "src/test/resources/junit-platform.properties", "cross-host/java/exercise11/checks/CrossHostTests.java")) {
            assertTrue(Files.isRegularFile(clone.resolve(path)), "missing from the export: " + path);
        }
    }

    /**
     * Every file the student repository may hold, as globs: the starter, the visible checks, the support they run on,
     * the cross-host tier, the build, the guide and the Classroom workflow. A grader's class, a sandbox, a policy or a
     * kit tool has no place in it, so a new file lands here only by being named.
     */
    private static final List<String> MAY_HOLD = List.of("pom.xml", "README.md", ".gitignore", ".mvn/jvm.config",
            ".github/workflows/classroom.yml", ".github/classroom/checks.sh", "docs/student-guide.md", "docs/loss-lab.svg",
            "docs/diagrams/*.svg", "docs/demos/*.java", "src/main/java/exercise11/*.java",
            "src/main/resources/settings/udp.properties", "src/test/java/exercise11/checks/*.java",
            "src/test/java/exercise11/harness/*.java", "src/test/java/exercise11/harness/platform/*.java",
            "src/test/resources/junit-platform.properties",
            "src/test/resources/exercise11/points.txt", "src/test/resources/META-INF/services/org.junit.*",
            "cross-host/java/exercise11/checks/*.java", "cross-host/java/exercise11/harness/containers/*.java",
            "cross-host/resources/simplelogger.properties");

    @Test
    @Order(3)
    @DisplayName("holds only the files it may hold, and no code that names the grader (no sandbox, policy or result channel)")
    void holdsOnlyWhatItMayHold() throws IOException {
        List<java.nio.file.PathMatcher> allowed = MAY_HOLD.stream()
                .map(glob -> clone.getFileSystem().getPathMatcher("glob:" + glob)).toList();
        List<String> unexpected = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clone)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(clone.resolve(".git"))).toList()) {
                Path relative = clone.relativize(file);
                if (allowed.stream().noneMatch(m -> m.matches(relative))) {
                    unexpected.add(relative + ": not in the list of what the export may hold");
                }
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String name : List.of("exercise11.grader", "Sandbox", "Confinement", "ResultChannel", "PolicyCheck")) {
                    if (file.toString().endsWith(".java") && text.contains(name)) {
                        unexpected.add(relative + ": names " + name + ", which is the grader's");
                    }
                }
            }
        }
        assertEquals(List.of(), unexpected);
    }

    @Test
    @Order(3)
    @DisplayName("holds no solution, no solution marker, no hidden check, no grader, no kit test, no kit path in its docs")
    void holdsNothingItMustNot() throws IOException {
        String starterClient = Files.readString(Cohorts.KIT.resolve("exercise-11-starter/src/main/java/exercise11/UdpClient.java"));
        assertEquals(starterClient, Files.readString(clone.resolve("src/main/java/exercise11/UdpClient.java")));
        List<String> hiddenNames = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt")).entries().stream()
                .filter(Rubric.Entry::hidden).map(e -> e.key().contains("#") ? e.key().substring(e.key().indexOf('#') + 1)
                        : e.key().substring(e.key().lastIndexOf('.') + 1)).toList();
        assertFalse(hiddenNames.isEmpty(), "the rubric should have hidden checks for this test to mean something");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clone)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(clone.resolve(".git"))).toList()) {
                String relative = clone.relativize(file).toString();
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (text.contains("// >>> TODO") || text.contains("// <<< TODO")) {
                    found.add(relative + ": a solution marker");
                }
                hiddenNames.stream().filter(text::contains).forEach(name -> found.add(relative + ": hidden check " + name));
                if (relative.contains("grader") || relative.contains("selfcheck") || relative.contains("exercise11/kit")) {
                    found.add(relative + ": not for students");
                }
                if (relative.endsWith(".md") && (text.contains("exercise-11-s") || text.contains("test-harness") || text.contains("-pl "))) {
                    found.add(relative + ": names the kit's folders");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    @Order(4)
    @DisplayName("builds green on a fresh clone with every TODO pending and nothing failed, without Docker's libraries;"
            + " the Classroom step scores it 0")
    void untouchedStarterIsGreenAndPending() throws Exception {
        String output = classroomStep(clone);
        assertTrue(output.contains("BUILD SUCCESS"), output);
        int[] counts = summary(output);
        assertEquals(0, counts[1], output);
        assertTrue(counts[2] > 0, output);
        for (int todo = 1; todo <= 9; todo++) {
            assertTrue(output.contains("TODO " + todo + "     not started"), "TODO " + todo + " should be not started\n" + output);
        }
        assertFalse(output.contains("cross-host"), "the cross-host tier should not run without -Pcross-host\n" + output);
        String result = classroomResult(clone);
        assertTrue(result.contains("\"status\": \"fail\"") && result.contains("\"max_score\": " + visibleMax()), result);
        assertFalse(result.matches("(?s).*\"score\": [1-9].*"), "the untouched starter scored points: " + result);
        String classpath = mvn(clone, "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt");
        String entries = Files.readString(clone.resolve("target/classpath.txt"));
        assertFalse(entries.contains("testcontainers") || entries.contains("docker"), "Docker libraries on the classpath: " + entries + classpath);
    }

    @Test
    @Order(5)
    @DisplayName("builds green with nothing failed and nothing pending once the solution's bodies are in; the Classroom"
            + " step gives it every visible point")
    void solutionBodiesPassEverything() throws Exception {
        Path done = WORK.resolve("done");
        run(WORK, "git", "clone", "-q", exported.toString(), done.toString());
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src/main/java"), done.resolve("src/main/java"));
        String output = classroomStep(done);
        assertTrue(output.contains("BUILD SUCCESS"), output);
        int[] counts = summary(output);
        assertEquals(0, counts[1], output);
        assertEquals(0, counts[2], output);
        assertTrue(counts[0] > 100, output);
        String result = classroomResult(done);
        assertTrue(result.contains("\"status\": \"pass\"") && result.contains("\"max_score\": " + visibleMax()), result);
        assertFalse(result.contains("\"status\": \"fail\""), result);
    }

    @Test
    @Order(6)
    @DisplayName("the Classroom step reports a compile error as status error, with the compiler's message")
    void compileErrorIsAnError() throws Exception {
        Path broken = WORK.resolve("broken");
        run(WORK, "git", "clone", "-q", exported.toString(), broken.toString());
        Files.writeString(broken.resolve("src/main/java/exercise11/Broken.java"), "class Broken {\n");
        classroomStep(broken);
        String result = classroomResult(broken);
        assertTrue(result.contains("\"status\": \"error\"") && result.contains("Broken.java"), result);
    }

    @Test
    @Order(7)
    @DisplayName("a changed given signature stops the build at GivenSignatures.java, which says it must stay, before any check")
    void changedSignatureIsNamedFirst() throws Exception {
        Path changed = WORK.resolve("changed-signature");
        run(WORK, "git", "clone", "-q", exported.toString(), changed.toString());
        Path client = changed.resolve("src/main/java/exercise11/UdpClient.java");
        String source = Files.readString(client);
        assertTrue(source.contains("openBroadcastSocket() throws SocketException"), "the given signature moved");
        Files.writeString(client, source.replace("openBroadcastSocket() throws SocketException", "openBroadcastSocket() throws java.io.IOException"));
        String output = Cohorts.run(changed, Map.of(), "bash", "-c", "mvn -B -ntp verify 2>&1; true");
        List<String> errors = output.lines().filter(l -> l.startsWith("[ERROR] /")).toList();
        assertTrue(output.contains("BUILD FAILURE") && output.contains("(given-signatures-must-stay-as-given)"), output);
        assertTrue(!errors.isEmpty() && errors.stream().allMatch(l -> l.contains("GivenSignatures.java")), "errors elsewhere:\n" + output);
        String file = Files.readString(changed.resolve("src/test/java/exercise11/checks/GivenSignatures.java"));
        assertTrue(file.contains("MUST STAY AS GIVEN"), file);
    }

    @Test
    @Order(8)
    @DisplayName("refuses a folder that is not empty, with a one-line message")
    void refusesANonEmptyFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Export.student(Cohorts.KIT, exported));
        assertTrue(e.getMessage().contains("not empty") && !e.getMessage().contains("\n"), e.getMessage());
    }

    /** Run the Classroom workflow's step in {@code repository}, as the workflow does; return what it printed. */
    private static String classroomStep(Path repository) throws Exception {
        Files.deleteIfExists(repository.resolve("target/github-output.txt"));
        Files.createDirectories(repository.resolve("target"));
        return Cohorts.run(repository, Map.of("GITHUB_OUTPUT", repository.resolve("target/github-output.txt").toString()),
                "bash", ".github/classroom/checks.sh");
    }

    /** Decode what the Classroom step wrote to GITHUB_OUTPUT: {@code result=<base64 of JSON>}. */
    private static String classroomResult(Path repository) throws IOException {
        String line = Files.readString(repository.resolve("target/github-output.txt")).strip();
        assertTrue(line.startsWith("result="), line);
        return new String(java.util.Base64.getDecoder().decode(line.substring("result=".length())), StandardCharsets.UTF_8);
    }

    /** The visible points, as the Classroom result writes its max_score. */
    private static String visibleMax() throws IOException {
        double sum = 0;
        for (String line : Files.readAllLines(Cohorts.KIT.resolve("test-harness/checks/resources/exercise11/points.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                sum += Double.parseDouble(line.split("\\s+")[1]);
            }
        }
        return sum == Math.rint(sum) ? String.valueOf((long) sum) : String.valueOf(sum);
    }

    private static int[] summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        assertTrue(m.find(), "no summary in the build's output:\n" + output);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** Run Maven in {@code folder}; fail with its output unless it succeeds. */
    private static String mvn(Path folder, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp"));
        command.addAll(List.of(goals));
        return run(folder, command.toArray(String[]::new));
    }

    private static String run(Path folder, String... command) throws Exception {
        return Cohorts.run(folder, Map.of(), command);
    }
}
