package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Grade;
import exercise11.grader.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The grader's command: every submission form, every report, sharding and merging. */
@DisplayName("The grader's command")
class GraderCommandTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "command").toAbsolutePath();
    private static Cohorts.Graded shard1;
    private static Cohorts.Graded shard2;
    private static Path merged;

    @BeforeAll
    static void gradeInTwoShardsAndMerge() throws Exception {
        Cohorts.deleteTree(WORK);
        Path cohort = Files.createDirectories(WORK.resolve("cohort"));
        Variant.ofSolution("alice-folder").writeTo(Cohorts.KIT, cohort);
        Path bobFolder = Variant.ofSolution("bob-zip").writeTo(Cohorts.KIT, WORK.resolve("zips"));
        zip(bobFolder, cohort.resolve("bob-zip.zip"));
        Path carol = Variant.ofSolution("carol-git").writeTo(Cohorts.KIT, cohort);
        git(carol, "init", "-q");
        git(carol, "add", "-A");
        git(carol, "-c", "user.name=Carol", "-c", "user.email=carol@example.invalid", "commit", "-q", "-m", "done");
        Files.writeString(carol.resolve("src/main/java/exercise11/UdpClient.java"), "uncommitted edits are not graded");
        Variant.ofStarter("dave-starter").writeTo(Cohorts.KIT, cohort);
        shard1 = Cohorts.gradeFolder(cohort, WORK.resolve("shard-1"), "--shard", "1/2");
        shard2 = Cohorts.gradeFolder(cohort, WORK.resolve("shard-2"), "--shard", "2/2");
        merged = WORK.resolve("merged");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertEquals(0, Grade.run(Options.parse(new String[] {"--merge", shard1.out().toString(), shard2.out().toString(),
                "--out", merged.toString()}), quiet, quiet));
    }

    @Test
    @DisplayName("grades a folder, a zip and a git repository (at its last commit) alike")
    void gradesEverySubmissionForm() {
        assertEquals(List.of("alice-folder", "carol-git"), List.copyOf(shard1.results().keySet()));
        assertEquals(List.of("bob-zip", "dave-starter"), List.copyOf(shard2.results().keySet()));
        assertEquals(100.0, shard1.of("alice-folder").score(), 1e-9, shard1.of("alice-folder")::reason);
        assertEquals(100.0, shard2.of("bob-zip").score(), 1e-9, shard2.of("bob-zip")::reason);
        assertEquals(100.0, shard1.of("carol-git").score(), 1e-9, shard1.of("carol-git")::reason);
        assertEquals(0.0, shard2.of("dave-starter").score(), 1e-9);
        assertTrue(shard1.of("carol-git").graded().matches("commit [0-9a-f]{40}, committed \\d{4}-.*"), shard1.of("carol-git")::graded);
        assertEquals("", shard1.of("carol-git").late());
    }

    @Test
    @DisplayName("merges shards into one gradebook with every student")
    void mergesShards() throws IOException {
        List<String> gradebook = Files.readAllLines(merged.resolve("gradebook.csv"));
        assertEquals("student,status,score,max_score,percent,todo1_lost,todo2_lost,todo3_lost,todo4_lost,todo5_lost,todo6_lost,"
                + "todo7_lost,todo8_lost,todo9_lost,passed,failed,"
                + "pending,not_run,unscored_passed,unscored_checks,seconds,reason,graded,late", gradebook.get(0));
        assertEquals(List.of("alice-folder", "bob-zip", "carol-git", "dave-starter"),
                gradebook.subList(1, gradebook.size()).stream().map(l -> l.split(",")[0]).toList());
        assertTrue(Files.readString(merged.resolve("summary.md")).contains("merged 1/2 + 2/2"), "the summary should say it was merged");
        assertTrue(Files.readString(merged.resolve("index.html")).contains("merged 1/2 + 2/2"), "the page should say it was merged");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("writes every per-student report")
    @ValueSource(strings = {"results.json", "autograding.json", "autograding.b64", "feedback.md", "index.html", "checks.tsv"})
    void writesEveryReport(String report) throws IOException {
        for (String student : List.of("alice-folder", "bob-zip", "carol-git", "dave-starter")) {
            Path file = merged.resolve("students").resolve(student).resolve(report);
            assertTrue(Files.size(file) > 0, "missing or empty: " + file);
        }
        String gradescope = Files.readString(merged.resolve("students/alice-folder/results.json"));
        assertTrue(gradescope.contains("\"score\": 100") && gradescope.contains("\"visibility\": \"after_published\"")
                && gradescope.contains("\"property_seed\": \"20261123\""), gradescope);
        String classroom = Files.readString(merged.resolve("students/dave-starter/autograding.json"));
        assertTrue(classroom.contains("\"version\": 1") && classroom.contains("\"status\": \"fail\""), classroom);
    }

    @Test
    @DisplayName("writes JUnit XML for each student, one test case per check invocation")
    void writesJunitXml() throws IOException {
        try (Stream<Path> files = Files.list(merged.resolve("students/alice-folder/junit"))) {
            String xml = Files.readString(files.filter(p -> p.toString().endsWith(".xml")).findFirst().orElseThrow());
            assertTrue(xml.contains("<testsuite") && xml.contains("failures=\"0\""), xml.substring(0, Math.min(400, xml.length())));
        }
    }

    @Test
    @DisplayName("hides the names and messages of hidden checks in a student's feedback until --show-hidden")
    void hidesHiddenChecks() throws IOException {
        String feedback = Files.readString(merged.resolve("students/alice-folder/feedback.md"));
        assertTrue(feedback.contains("hidden check"), feedback);
        assertTrue(!feedback.contains("prints broadcast datagrams"), "a hidden check's name leaked into the feedback");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("refuses a bad command line with a one-line message")
    @ValueSource(strings = {"--shard 3/2", "--jobs 0", "--bogus", "--time-limit soon", "--merge", "/no/such/folder"})
    void refusesBadOptions(String args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse(args.split(" ")));
        assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static void zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry("exercise-11-starter/" + folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        p.getInputStream().transferTo(output);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + args[0] + " failed: " + output.toString(StandardCharsets.UTF_8));
    }
}
