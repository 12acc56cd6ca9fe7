package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Grade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Grading again without mixing runs, and points the teacher's way: a rerun into the same {@code --out} is refused,
 * {@code --force} replaces it whole (and deletes nothing that is not the grader's), {@code --only} regrades some
 * students and rebuilds the cohort files, {@code --merge} refuses a student graded twice unless told which wins, and
 * {@code --rubric} grades with another rubric, saying a total other than 100.
 */
@DisplayName("Regrades replace, and points the teacher's way (--force, --only, --merge --prefer, --rubric)")
class RegradeTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "regrade").toAbsolutePath();
    private static final List<String> CLASS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
    private static final String KIT_RUBRIC = "test-harness/rubric.txt";
    /** The cohort as first handed in: bob's TODO 1 is wrong. */
    private static Path cohort;
    /** The same cohort, bob's submission fixed. */
    private static Path fixed;
    /** The first run's output, which no test changes (each works on a copy). */
    private static Path graded;
    /** Only bob, fixed, graded after the rest into an output of its own. */
    private static Path bobAgain;

    /** What one run of the command gave. */
    record Ran(int code, String out, String err) {

        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error: ")).toList();
        }

        /** The run was refused with exit 2 and exactly one line that says why (no stack trace); return that line. */
        String refusal() {
            assertEquals(2, code, () -> "expected a refusal (exit 2); out:\n" + out + "\nerr:\n" + err);
            assertEquals(1, errorLines().size(), () -> "expected one error line:\n" + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), () -> "a stack trace or exception leaked:\n" + err);
            return errorLines().get(0);
        }
    }

    @BeforeAll
    static void gradeAClassOfEight() throws Exception {
        Cohorts.deleteTree(WORK);
        cohort = Files.createDirectories(WORK.resolve("cohort"));
        fixed = Files.createDirectories(WORK.resolve("cohort-fixed"));
        Fixtures.Fixture mistake = Fixtures.of("known-bad").stream().filter(f -> f.name().startsWith("todo-1-")).findFirst()
                .orElseThrow(() -> new AssertionError("no known-bad fixture of TODO 1"));
        for (String student : CLASS) {
            Variant variant = switch (student) {
                case "bob" -> Variant.ofSolution("bob").withPatch(mistake.folder().resolve("changes.patch"));
                case "carol", "frank" -> Variant.ofStarter(student);
                default -> Variant.ofSolution(student);
            };
            variant.writeTo(Cohorts.KIT, cohort);
            (student.equals("bob") ? Variant.ofSolution("bob") : variant).writeTo(Cohorts.KIT, fixed);
        }
        graded = WORK.resolve("graded");
        assertEquals(0, grade(cohort, graded).code());
        Path onlyBob = Files.createDirectories(WORK.resolve("cohort-only-bob"));
        Variant.ofSolution("bob").writeTo(Cohorts.KIT, onlyBob);
        bobAgain = WORK.resolve("graded-bob-again");
        assertEquals(0, grade(onlyBob, bobAgain).code());
        assertTrue(score(graded, "bob") < 100, "bob's TODO 1 mistake should cost points: " + gradebook(graded).get("bob"));
        assertEquals(100.0, score(bobAgain, "bob"), 1e-9);
    }

    @Test
    @DisplayName("grading again into the same --out is refused in one line (exit 2) and changes nothing")
    void rerunIsRefused() throws IOException {
        Path out = copy(graded, "rerun");
        Map<String, byte[]> before = snapshot(out);
        String refusal = grade(cohort, out).refusal();
        assertTrue(refusal.contains("already holds a grader's output") && refusal.contains("--only NAME")
                && refusal.contains("--force"), refusal);
        assertEqualFiles(before, snapshot(out));
    }

    @Test
    @DisplayName("--force replaces the output whole: no student folder of the first run is left")
    void forceReplacesTheWholeOutput() throws IOException {
        Path out = copy(graded, "force");
        Path small = Files.createDirectories(WORK.resolve("cohort-small"));
        Variant.ofStarter("ivan").writeTo(Cohorts.KIT, small);
        Variant.ofStarter("judy").writeTo(Cohorts.KIT, small);
        // What a first run with --keep-work leaves: alice's work folder, and the run's compiled checks.
        Files.createDirectories(out.resolve("work/alice"));
        Files.writeString(out.resolve("work/alice/run.log"), "the first run's\n");
        Files.createDirectories(out.resolve("work/.reference"));
        Ran ran = grade(small, out, "--force", "--keep-work");
        assertEquals(0, ran.code(), ran::err);
        assertEquals(List.of("ivan", "judy"), list(out.resolve("students")));
        assertFalse(Files.exists(out.resolve("work/alice")), "the first run's work folder is left");
        assertEquals(List.of("ivan", "judy"), List.copyOf(gradebook(out).keySet()));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("Submissions: 2."), "the summary counts the new run only");
    }

    @Test
    @DisplayName("--force refuses a folder that holds anything but a grader's output, and deletes nothing")
    void forceRefusesAFolderOfOtherThings() throws IOException {
        Path mixed = copy(graded, "force-mixed");
        Files.writeString(mixed.resolve("notes.txt"), "the teacher's own notes\n");
        Files.createDirectories(mixed.resolve("students/not-a-student"));
        Files.writeString(mixed.resolve("students/not-a-student/essay.txt"), "mine\n");
        Map<String, byte[]> before = snapshot(mixed);
        String refusal = grade(cohort, mixed, "--force").refusal();
        assertTrue(refusal.contains("notes.txt") && refusal.contains("students/not-a-student"), refusal);
        assertEqualFiles(before, snapshot(mixed));

        // A home folder: no grader output at all, and --force deletes nothing of it.
        Path home = Files.createDirectories(WORK.resolve("home"));
        Files.createDirectories(home.resolve("Documents"));
        Files.writeString(home.resolve("Documents/thesis.tex"), "\\documentclass{article}\n");
        Files.writeString(home.resolve("index.html"), "<p>my page</p>\n");
        Map<String, byte[]> homeBefore = snapshot(home);
        String homeRefusal = grade(cohort, home, "--force").refusal();
        assertTrue(homeRefusal.contains("Documents") && homeRefusal.contains("nothing was deleted"), homeRefusal);
        assertEqualFiles(homeBefore, snapshot(home));
    }

    @Test
    @DisplayName("--only bob, after bob's fix, changes bob's row alone and the cohort files count each student once")
    void onlyRegradesOneStudent() throws IOException {
        Path out = copy(graded, "only");
        Map<String, String> rowsBefore = gradebook(out);
        Map<String, byte[]> aliceBefore = snapshot(out.resolve("students/alice"));
        Ran ran = grade(fixed, out, "--only", "bob");
        assertEquals(0, ran.code(), ran::err);
        assertTrue(ran.out().contains("Regraded 1 submission(s)") && ran.out().contains("now hold 8"), ran.out());

        Map<String, String> rowsAfter = gradebook(out);
        assertEquals(CLASS, List.copyOf(rowsAfter.keySet()), "each student once, in order");
        for (String student : CLASS) {
            if (!student.equals("bob")) {
                assertEquals(rowsBefore.get(student), rowsAfter.get(student), student + "'s row should not change");
            }
        }
        assertNotEquals(rowsBefore.get("bob"), rowsAfter.get("bob"));
        assertEquals(100.0, score(out, "bob"), 1e-9, rowsAfter.get("bob"));
        assertEquals(CLASS, list(out.resolve("students")));
        assertEqualFiles(aliceBefore, snapshot(out.resolve("students/alice")));

        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("Submissions: 8."), summary);
        assertTrue(summary.contains("Regraded: bob at "), summary);
        String page = Files.readString(out.resolve("index.html"));
        assertEquals(8, count(page, "<tr><td><a href=\"students/"), "the cohort page lists each student once");
        assertTrue(page.contains("<dt>regraded</dt>"), "the page says who was regraded");

        // Each student's folder keeps the facts of the run that graded that student.
        Properties bob = properties(out.resolve("students/bob/run.properties"));
        Properties alice = properties(out.resolve("students/alice/run.properties"));
        assertTrue(java.time.Instant.parse(bob.getProperty("graded")).isAfter(java.time.Instant.parse(alice.getProperty("graded"))),
                () -> "bob was graded after alice: " + bob + " / " + alice);
        assertEquals(alice.getProperty("rubric_sha256"), bob.getProperty("rubric_sha256"));
        assertEquals(64, bob.getProperty("rubric_sha256").length(), bob::toString);
        assertTrue(Files.readString(out.resolve("students/bob/results.json")).contains("\"graded_at\": \"" + bob.getProperty("graded") + "\""));
        assertTrue(properties(out.resolve("run.properties")).getProperty("regraded").startsWith("bob at "));
    }

    @Test
    @DisplayName("--only refuses a name that is not in the cohort (naming the nearest) and an --out that is no grader output")
    void onlyRefusesWhatItCannotDo() throws IOException {
        Path out = copy(graded, "only-refused");
        Map<String, byte[]> before = snapshot(out);
        String typo = grade(fixed, out, "--only", "bbo").refusal();
        assertTrue(typo.contains("'bbo'") || typo.contains("--only bbo"), typo);
        assertTrue(typo.contains("nearest: bob"), typo);
        assertEqualFiles(before, snapshot(out));

        Path empty = Files.createDirectories(WORK.resolve("not-an-output"));
        String notOutput = grade(fixed, empty, "--only", "bob").refusal();
        assertTrue(notOutput.contains("is not a grader's output"), notOutput);
        assertEquals(List.of(), list(empty));
    }

    @Test
    @DisplayName("--only with another rubric is refused (another total always; other points unless --force)")
    void onlyRefusesToMixRubrics() throws IOException {
        Path out = copy(graded, "only-rubric");
        Map<String, byte[]> before = snapshot(out);
        String rubric = Files.readString(Cohorts.KIT.resolve(KIT_RUBRIC));
        Path reweighed = write("reweighed.txt", rubric.replace("TimestampProperties#matchesPythonExamples               4",
                "TimestampProperties#matchesPythonExamples               3").replace(
                "TimestampProperties#formatsEveryDateTimeAsPythonDoes    3", "TimestampProperties#formatsEveryDateTimeAsPythonDoes    4"));
        String mixing = grade(fixed, out, "--only", "bob", "--rubric", reweighed.toString()).refusal();
        assertTrue(mixing.contains("mix runs") && mixing.contains("reweighed.txt") && mixing.contains("--force"), mixing);
        Path raised = write("raised.txt", raise(rubric));
        String total = grade(fixed, out, "--only", "bob", "--rubric", raised.toString(), "--force").refusal();
        assertTrue(total.contains("scored out of 100") && total.contains("104"), total);
        assertEqualFiles(before, snapshot(out));
    }

    @Test
    @DisplayName("--merge refuses a student in two outputs; --prefer newest takes bob's regrade and counts 8 of 8")
    void mergeRefusesAStudentGradedTwice() throws IOException {
        Path merged = WORK.resolve("merged");
        String refusal = run("--merge", graded.toString(), bobAgain.toString(), "--out", merged.toString()).refusal();
        assertTrue(refusal.contains("bob") && refusal.contains("--prefer newest|first|last"), refusal);
        assertFalse(Files.exists(merged.resolve("gradebook.csv")), "a refused merge writes nothing");

        Ran newest = run("--merge", graded.toString(), bobAgain.toString(), "--out", merged.toString(), "--prefer", "newest");
        assertEquals(0, newest.code(), newest::err);
        assertEquals(CLASS, List.copyOf(gradebook(merged).keySet()));
        assertEquals(100.0, score(merged, "bob"), 1e-9, "bob's regrade is the newest");
        assertTrue(Files.readString(merged.resolve("summary.md")).contains("Submissions: 8."));
        assertEquals(properties(bobAgain.resolve("students/bob/run.properties")).getProperty("graded"),
                properties(merged.resolve("students/bob/run.properties")).getProperty("graded"));

        Path first = WORK.resolve("merged-first");
        Ran firstWins = run("--merge", graded.toString(), bobAgain.toString(), "--out", first.toString(), "--prefer", "first");
        assertEquals(0, firstWins.code(), firstWins::err);
        assertEquals(score(graded, "bob"), score(first, "bob"), 1e-9, "the first output's bob");
        assertEquals(8, gradebook(first).size());

        String again = run("--merge", graded.toString(), bobAgain.toString(), "--out", merged.toString(), "--prefer", "last").refusal();
        assertTrue(again.contains("already holds a grader's output"), again);
    }

    @Test
    @DisplayName("--rubric with a total of 104 grades out of 104 and says so at the start and in every report")
    void rubricOfAnotherTotal() throws IOException {
        Path one = Files.createDirectories(WORK.resolve("cohort-one"));
        Variant.ofSolution("alice").writeTo(Cohorts.KIT, one);
        Path rubric = write("raised.txt", raise(Files.readString(Cohorts.KIT.resolve(KIT_RUBRIC))));
        Path out = WORK.resolve("graded-104");
        Ran ran = grade(one, out, "--rubric", rubric.toString());
        assertEquals(0, ran.code(), ran::err);
        assertTrue(ran.err().lines().findFirst().orElse("").contains("scored out of 104, not 100"), "said first: " + ran.err());
        assertEquals("graded,104,104,100.0", String.join(",", Arrays.asList(gradebook(out).get("alice").split(",")).subList(1, 5)));
        for (String report : List.of("summary.md", "index.html", "students/alice/feedback.md", "students/alice/index.html",
                "students/alice/results.json")) {
            assertTrue(Files.readString(out.resolve(report)).contains("scored out of 104, not 100"), report + " does not say it");
        }
        String results = Files.readString(out.resolve("students/alice/results.json"));
        assertTrue(results.contains("\"max_score\": 104") && results.contains("\"rubric\": \"raised.txt\"")
                && results.contains("\"rubric_total\": \"104\""), results);
        Properties facts = properties(out.resolve("run.properties"));
        assertEquals("104", facts.getProperty("rubric_total"));
        assertEquals(sha256(rubric), facts.getProperty("rubric_sha256"), "the hash of the rubric's bytes");
        assertEquals(sha256(rubric), properties(out.resolve("students/alice/run.properties")).getProperty("rubric_sha256"));
    }

    @Test
    @DisplayName("--rubric refuses, in one line, a typo in a check's name, a malformed line and a missing file")
    void rubricMistakes() throws IOException {
        String rubric = Files.readString(Cohorts.KIT.resolve(KIT_RUBRIC));
        Path typo = write("typo.txt", rubric.replace("UdpServerTests.Receive                        8",
                "UdpServerTests.Recieve                        8"));
        Path out = WORK.resolve("graded-typo");
        String refusal = grade(cohort, out, "--rubric", typo.toString()).refusal();
        assertTrue(refusal.contains("'UdpServerTests.Recieve'") && refusal.contains("names no check")
                && refusal.contains("UdpServerTests.Receive"), refusal);
        assertFalse(Files.exists(out.resolve("students")) || Files.exists(out.resolve("gradebook.csv")), "nothing graded");

        Path malformed = write("malformed.txt", rubric.replace("UdpServerTests.Serve                         10",
                "UdpServerTests.Serve                         ten"));
        String bad = grade(cohort, WORK.resolve("graded-malformed"), "--rubric", malformed.toString()).refusal();
        assertTrue(bad.contains("malformed.txt:") && bad.contains("UdpServerTests.Serve"), bad);

        String missing = grade(cohort, WORK.resolve("graded-missing"), "--rubric", WORK.resolve("no-such-rubric.txt").toString())
                .refusal();
        assertTrue(missing.contains("no-such-rubric.txt") && missing.contains("does not exist"), missing);
    }

    // ---- helpers ----

    /** The kit's rubric with one line raised by 4 points: 104 in all. */
    private static String raise(String rubric) {
        String line = "ProgramTests#serverReportsAPortInUse          2";
        assertTrue(rubric.contains(line), "the kit's rubric changed: update this test's line");
        return rubric.replace(line, "ProgramTests#serverReportsAPortInUse          6");
    }

    private static Ran grade(Path submissions, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(submissions.toString(), "--out", out.toString(), "--kit", Cohorts.KIT.toString(),
                "--jobs", "2", "--seed", "20261123"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static Ran run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Grade.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path write(String name, String text) throws IOException {
        Path file = Files.createDirectories(WORK.resolve("rubrics")).resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = WORK.resolve(name);
        Cohorts.deleteTree(to);
        Cohorts.copyTree(from, to);
        return to;
    }

    /** The gradebook's rows by student. */
    private static Map<String, String> gradebook(Path out) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            rows.put(line.split(",")[0], line);
        }
        return rows;
    }

    private static double score(Path out, String student) throws IOException {
        String row = gradebook(out).get(student);
        assertTrue(row != null, () -> student + " is not in " + out.resolve("gradebook.csv"));
        return Double.parseDouble(row.split(",")[2]);
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file under {@code folder} with its bytes. */
    private static Map<String, byte[]> snapshot(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertEqualFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same files");
        expected.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, actual.get(name)), name + " changed"));
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
