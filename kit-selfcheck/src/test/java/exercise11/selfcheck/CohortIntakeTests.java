package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Grade;
import exercise11.grader.Options;
import exercise11.grader.intake.Cohort;
import exercise11.grader.intake.Submission;
import exercise11.grader.report.Reports;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every entry of a submissions folder is accounted for (graded, listed as not graded with the reason, or ignored as
 * litter and listed as ignored); {@code .tar.gz} is unpacked like a zip, within the same limits; a folder that is one
 * submission is refused; {@code --deadline} grades a git submission at its last commit before it; and every result
 * records what was graded.
 */
@DisplayName("The grader's intake: every entry accounted for, archives, deadlines, what was graded")
class CohortIntakeTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "intake").toAbsolutePath();
    private static final String DEADLINE = "2026-12-01T23:59:00+01:00";
    private static final String BEFORE = "2026-11-30T12:00:00+01:00";
    private static final String AFTER = "2026-12-02T10:00:00+01:00";
    private static Cohorts.Graded mixed;
    private static Path merged;
    private static Cohorts.Graded late;
    private static String carolFirstCommit;

    @BeforeAll
    static void gradeTheCohorts() throws Exception {
        Cohorts.deleteTree(WORK);
        // A folder, the same known-bad submission as a zip and as a .tar.gz, a file that is not a submission, and litter.
        Path cohort = Files.createDirectories(WORK.resolve("mixed"));
        Variant.ofSolution("alice").writeTo(Cohorts.KIT, cohort);
        Variant bad = Fixtures.of("known-bad").get(0).variant("");
        Path badFolder = bad.writeTo(Cohorts.KIT, WORK.resolve("archives"));
        zip(badFolder, cohort.resolve("bob.zip"));
        tarGz(badFolder, cohort.resolve("ivan.tar.gz"));
        Files.writeString(cohort.resolve("jon.pdf"), "%PDF-1.4 not a submission");
        Files.createDirectories(cohort.resolve("__MACOSX"));
        Files.write(cohort.resolve(".DS_Store"), new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        Files.write(cohort.resolve("Thumbs.db"), new byte[] {1, 2, 3});
        mixed = Cohorts.gradeFolder(cohort, WORK.resolve("mixed-grades"));
        merged = WORK.resolve("merged");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertEquals(0, Grade.run(Options.parse(new String[] {"--merge", mixed.out().toString(), "--out", merged.toString()}),
                quiet, quiet));

        // Git repositories with commits on both sides of the deadline, and a plain folder.
        Path deadline = Files.createDirectories(WORK.resolve("deadline"));
        Path carol = Variant.ofSolution("carol").writeTo(Cohorts.KIT, deadline);
        git(carol, BEFORE, "init", "-q");
        commit(carol, BEFORE, "the solution, on time");
        carolFirstCommit = git(carol, BEFORE, "rev-parse", "HEAD").strip();
        replaceWith(Variant.ofStarter("carol"), deadline);
        commit(carol, AFTER, "back to the starter, late");
        Path dave = Variant.ofStarter("dave").writeTo(Cohorts.KIT, deadline);
        git(dave, BEFORE, "init", "-q");
        commit(dave, BEFORE, "the starter, on time");
        replaceWith(Variant.ofSolution("dave"), deadline);
        commit(dave, AFTER, "the solution, late");
        Path erin = Variant.ofSolution("erin").writeTo(Cohorts.KIT, deadline);
        git(erin, AFTER, "init", "-q");
        commit(erin, AFTER, "all of it late");
        Variant.ofSolution("frank").writeTo(Cohorts.KIT, deadline);
        late = Cohorts.gradeFolder(deadline, WORK.resolve("deadline-grades"), "--deadline", DEADLINE);
    }

    @Test
    @DisplayName("__MACOSX, .DS_Store and Thumbs.db are ignored and listed as ignored, never graded as students")
    void litterIsIgnoredAndListed() throws IOException {
        assertEquals(List.of("alice", "bob", "ivan", "jon"), List.copyOf(mixed.results().keySet()), mixed.log());
        assertTrue(mixed.log().lines().anyMatch(l -> l.startsWith("ignored") && l.contains("__MACOSX") && l.contains(".DS_Store")
                && l.contains("Thumbs.db")), mixed.log());
        for (Path out : List.of(mixed.out(), merged)) {
            for (String report : List.of("summary.md", "index.html", "run.properties")) {
                String text = Files.readString(out.resolve(report));
                for (String litter : List.of("__MACOSX", ".DS_Store", "Thumbs.db")) {
                    assertTrue(text.contains(litter), () -> out.relativize(out.resolve(report)) + " of " + out.getFileName()
                            + " does not list " + litter + " as ignored:\n" + text);
                }
            }
            List<String> gradebook = Files.readAllLines(out.resolve("gradebook.csv"));
            assertTrue(gradebook.stream().noneMatch(l -> l.startsWith("__MACOSX") || l.startsWith(".DS_Store")), gradebook::toString);
        }
    }

    @Test
    @DisplayName("a .tar.gz is graded like the same submission as a zip")
    void tarGzIsGradedLikeItsZip() {
        StudentResult zip = mixed.of("bob");
        StudentResult tar = mixed.of("ivan");
        assertEquals(Status.GRADED, tar.status(), tar::reason);
        assertEquals(zip.score(), tar.score(), 1e-9, () -> "zip: " + zip.reason() + "\ntar.gz: " + tar.reason());
        assertTrue(tar.score() > 0 && tar.score() < 100, () -> "the known-bad submission scored " + tar.score());
        assertEquals(100.0, mixed.of("alice").score(), 1e-9, mixed.of("alice")::reason);
    }

    @Test
    @DisplayName("a file that is not a submission stays in the gradebook, not graded, with the reason")
    void otherFilesAreListedNotGraded() throws IOException {
        StudentResult jon = mixed.of("jon");
        assertEquals(Status.NOT_GRADED, jon.status());
        String why = "jon.pdf is a .pdf file, not a folder, .zip, .tar.gz or git repository";
        assertEquals(why, jon.reason());
        String row = Files.readAllLines(mixed.out().resolve("gradebook.csv")).stream().filter(l -> l.startsWith("jon,"))
                .findFirst().orElseThrow(() -> new AssertionError("jon is not in the gradebook"));
        assertTrue(row.startsWith("jon,not graded,") && row.contains(why), row);
        assertTrue(Files.readString(mixed.out().resolve("summary.md")).contains("| jon | " + why + " |"));
        assertTrue(Files.readString(mixed.out().resolve("index.html")).contains(why));
        assertTrue(mixed.log().contains("not graded: jon (" + why + ")"), mixed.log());
    }

    @Test
    @DisplayName("shards share every student, graded or not, once each, and each lists the litter")
    void shardsShareEveryEntry() {
        Cohort whole = Cohort.read(WORK.resolve("mixed"));
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Cohort share = whole.shard(i, 2);
            share.submissions().forEach(s -> seen.add(s.student()));
            share.notGraded().forEach(n -> seen.add(n.student()));
            assertEquals(List.of(".DS_Store", "Thumbs.db", "__MACOSX"), share.ignored());
        }
        assertEquals(List.of("alice", "bob", "ivan", "jon"), seen.stream().sorted().toList());
    }

    @Test
    @DisplayName("a result records what was graded: the newest file time of a folder or archive")
    void recordsWhatWasGraded() throws IOException {
        for (String student : List.of("alice", "bob", "ivan")) {
            String graded = mixed.of(student).graded();
            assertTrue(graded.matches("the files as handed in, the newest changed \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                    () -> student + ": " + graded);
            String feedback = Files.readString(mixed.out().resolve("students").resolve(student).resolve("feedback.md"));
            assertTrue(feedback.contains("Graded: " + graded), feedback);
            String json = Files.readString(mixed.out().resolve("students").resolve(student).resolve("results.json"));
            assertTrue(json.contains("\"graded\": \"" + graded + "\""), json);
        }
        assertEquals(mixed.of("alice").graded(), Reports.readRaw(merged.resolve("students/alice/checks.tsv")).graded(),
                "--merge keeps what was graded");
    }

    @Test
    @DisplayName("a tar with a ../ path, a link or too much data is refused, and nothing is written outside or linked")
    void hostileTarsAreRefused() throws IOException {
        Path work = Files.createDirectories(WORK.resolve("hostile"));
        Path slip = work.resolve("slip.tar.gz");
        try (TarArchiveOutputStream tar = tarStream(slip)) {
            addFile(tar, "src/main/java/exercise11/Fine.java", "package exercise11;\n");
            addFile(tar, "../../escaped.txt", "slipped out");
        }
        IOException e = assertThrows(IOException.class, () -> new Submission("slip", slip, Optional.empty()).unpack(work.resolve("a")));
        assertTrue(e.getMessage().contains("outside its folder"), e.getMessage());
        assertFalse(Files.exists(work.resolve("escaped.txt")) || Files.exists(WORK.resolve("escaped.txt")), "a file slipped out");

        Path link = work.resolve("link.tar.gz");
        try (TarArchiveOutputStream tar = tarStream(link)) {
            TarArchiveEntry entry = new TarArchiveEntry("outside", TarConstants.LF_SYMLINK);
            entry.setLinkName(work.toString());
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            addFile(tar, "outside/planted.txt", "written through the link");
        }
        e = assertThrows(IOException.class, () -> new Submission("link", link, Optional.empty()).unpack(work.resolve("b")));
        assertTrue(e.getMessage().contains("a link to"), e.getMessage());
        assertFalse(Files.exists(work.resolve("planted.txt")), "a file was written through the link");
        try (Stream<Path> all = Files.walk(work.resolve("b"))) {
            assertTrue(all.noneMatch(Files::isSymbolicLink), "a link was created");
        }

        Path zipLink = work.resolve("link.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(zipLink))) {
            ZipArchiveEntry entry = new ZipArchiveEntry("src/main/java/exercise11/UdpServer.java");
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        e = assertThrows(IOException.class, () -> new Submission("zl", zipLink, Optional.empty()).unpack(work.resolve("c")));
        assertTrue(e.getMessage().contains("a link"), e.getMessage());

        Path bomb = work.resolve("bomb.tgz");
        try (TarArchiveOutputStream tar = tarStream(bomb)) {
            TarArchiveEntry entry = new TarArchiveEntry("src/main/resources/padding.bin");
            entry.setSize(60L << 20);
            tar.putArchiveEntry(entry);
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 60; i++) {
                tar.write(block);
            }
            tar.closeArchiveEntry();
        }
        e = assertThrows(IOException.class, () -> new Submission("bomb", bomb, Optional.empty()).unpack(work.resolve("d")));
        assertTrue(e.getMessage().contains("more than 50 MB"), e.getMessage());
        assertTrue(Files.size(work.resolve("d/untarred/src/main/resources/padding.bin")) <= 50L << 20, "more than the bound was written");
    }

    @Test
    @DisplayName("bin/grade on one student's folder exits 2 with one line that names the folder to give")
    void oneSubmissionIsRefused() throws Exception {
        Path place = Files.createDirectories(WORK.resolve("one"));
        Variant.ofSolution("alice").writeTo(Cohorts.KIT, Files.createDirectories(place.resolve("subs")));
        Run run = binGrade(place, "subs/alice", "--out", "grades");
        assertEquals(2, run.code(), run::toString);
        assertEquals(List.of("error: 'subs/alice' is one submission (it holds src/main/java); give the folder that holds one"
                + " entry per student, such as 'subs' (grade --help lists the options)"), run.stderr().lines().toList());
        assertFalse(Files.exists(place.resolve("grades")), "nothing is graded");
    }

    @Test
    @DisplayName("a bad --deadline gets one line and exit 2")
    void badDeadlineIsRefused() throws Exception {
        Path place = Files.createDirectories(WORK.resolve("bad-deadline/subs"));
        for (String bad : List.of("2026-12-01", "2026-12-01T23:59:00")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Options.parse(new String[] {place.toString(), "--deadline", bad}));
            assertTrue(e.getMessage().startsWith("--deadline expects a time in ISO 8601 with its offset")
                    && e.getMessage().contains("'" + bad + "'") && !e.getMessage().contains("\n"), e.getMessage());
        }
        Run run = binGrade(place.getParent(), "subs", "--deadline", "tomorrow");
        assertEquals(2, run.code(), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(run.stderr().startsWith("error: --deadline expects a time in ISO 8601"), run::toString);
    }

    @Test
    @DisplayName("--deadline grades a git submission at its last commit before it and marks the later ones late")
    void deadlineGradesTheLastCommitBefore() throws IOException {
        StudentResult carol = late.of("carol");
        assertEquals(100.0, carol.score(), 1e-9, () -> "carol's solution was committed before the deadline: " + carol.reason());
        assertEquals("commit " + carolFirstCommit + ", committed " + BEFORE, carol.graded());
        assertEquals("1 commit after the deadline (" + DEADLINE + "), not graded; the newest committed "
                + AFTER, carol.late());
        StudentResult dave = late.of("dave");
        assertEquals(0.0, dave.score(), 1e-9, "dave's solution came after the deadline; the starter was graded");
        assertTrue(dave.late().startsWith("1 commit after the deadline"), dave::late);
        StudentResult erin = late.of("erin");
        assertEquals(Status.NOT_GRADED, erin.status());
        assertTrue(erin.reason().startsWith("no commit at or before the deadline"), erin::reason);
        StudentResult frank = late.of("frank");
        assertEquals(100.0, frank.score(), 1e-9, frank::reason);
        assertTrue(frank.graded().startsWith("the files as handed in") && frank.graded().endsWith(
                "(no commit dates, so not checked against the deadline)"), frank::graded);
        assertEquals("", frank.late());

        Path students = late.out().resolve("students");
        assertTrue(Files.readString(students.resolve("carol/feedback.md")).contains("Late: " + carol.late()));
        assertTrue(Files.readString(students.resolve("carol/index.html")).contains("Late: " + carol.late()));
        assertTrue(Files.readString(students.resolve("carol/results.json")).contains("\"late\": \"" + carol.late() + "\""));
        List<String> gradebook = Files.readAllLines(late.out().resolve("gradebook.csv"));
        assertTrue(gradebook.stream().anyMatch(l -> l.startsWith("carol,") && l.contains(carolFirstCommit) && l.contains(AFTER)),
                gradebook::toString);
        assertTrue(Files.readString(late.out().resolve("summary.md")).contains("Deadline: " + DEADLINE));
    }

    /** What {@code bin/grade} did. */
    private record Run(int code, String stdout, String stderr) {
    }

    private static Run binGrade(Path folder, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Cohorts.KIT.resolve("bin/grade").toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(WORK, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bin/grade did not end");
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    /** Replace the git repository's files by {@code variant}'s (of the same name), keeping its {@code .git}. */
    private static void replaceWith(Variant variant, Path cohort) throws IOException {
        Cohorts.deleteTree(cohort.resolve(variant.name()).resolve("src"));
        variant.writeTo(Cohorts.KIT, cohort);
    }

    private static void commit(Path repository, String date, String message) throws Exception {
        git(repository, date, "add", "-A");
        git(repository, date, "-c", "user.name=Student", "-c", "user.email=student@example.invalid", "commit", "-q", "-m", message);
    }

    private static String git(Path dir, String date, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date));
        Process p = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        p.getInputStream().transferTo(output);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + args[0] + " failed: " + output);
        return output.toString(StandardCharsets.UTF_8);
    }

    private static void zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry("exercise-11-starter/" + folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void tarGz(Path folder, Path archive) throws IOException {
        try (TarArchiveOutputStream tar = tarStream(archive); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                tar.putArchiveEntry(new TarArchiveEntry(file, "exercise-11-starter/" + folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static TarArchiveOutputStream tarStream(Path archive) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(archive)));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    private static void addFile(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true); // as given: the writer keeps a leading ../
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
