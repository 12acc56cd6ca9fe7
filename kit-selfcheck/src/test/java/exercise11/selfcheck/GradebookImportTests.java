package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Grade;
import exercise11.grader.gradebook.Gradebooks;
import exercise11.grader.gradebook.Roster;
import exercise11.grader.score.StudentResult;
import exercise11.grader.spreadsheet.Csv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * From the grader to a course's gradebook: a cohort of real submissions graded with GitHub Classroom's roster, which
 * lists a student who submitted nothing and one who never linked an account, while the folder holds a submission no
 * roster line names, a file that is not a submission, and entries named to run as formulas in a spreadsheet.
 */
@DisplayName("Gradebook imports (Canvas, Moodle) from a roster, and CSV files a spreadsheet cannot turn against the teacher")
class GradebookImportTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck")).toAbsolutePath()
            .resolve("gradebook-import");
    /** Entry names a spreadsheet would run (OWASP's examples of CSV injection, as folder names). */
    private static final List<String> HOSTILE_NAMES = List.of("=HYPERLINK(\"http:evil\",\"x\")", "-2+3+cmd|calc!A0",
            "@SUM(1+1)", "+1+cmd");
    /** Files named so: refused by their names, before anyone looks inside. */
    private static final List<String> HOSTILE_FILES = List.of("=evil.zip", "+evil.pdf");
    /** What a student's exception says, in every report. */
    private static final String HOSTILE_MESSAGE = "=HYPERLINK(\"http:evil\",\"x\")<script>alert(1)</script>";
    private static final String HOSTILE_DISPLAY_NAME = "=cmd|' /C calc'!A0";
    private static final double POINTS = 12.5;

    private static Path cohort;
    private static Path out;
    private static Path roster;
    private static String log;
    private static Map<String, StudentResult> results;

    @BeforeAll
    static void gradeWithARoster() throws IOException {
        Cohorts.deleteTree(WORK);
        cohort = Files.createDirectories(WORK.resolve("submissions"));
        out = WORK.resolve("grades");
        List<Variant> variants = new ArrayList<>(List.of(Variant.ofSolution("exercise-11-alice"), Variant.ofStarter("bob"),
                Variant.ofSolution("carol").replace("UdpClient.java", "return text.getBytes(StandardCharsets.UTF_8);",
                        "return text.getBytes(StandardCharsets.UTF_8)"),
                Variant.ofSolution("dave-not-on-the-roster"),
                Variant.ofSolution("mallory").replace("UdpClient.java", "return text.getBytes(StandardCharsets.UTF_8);",
                        "throw new IllegalStateException(\"" + HOSTILE_MESSAGE.replace("\"", "\\\"") + "\");")));
        HOSTILE_NAMES.forEach(name -> variants.add(Variant.ofSolution(name)));
        for (Variant variant : variants) {
            variant.writeTo(Cohorts.KIT, cohort);
        }
        Files.writeString(cohort.resolve("erin.pdf"), "a report, not code");
        for (String file : HOSTILE_FILES) {
            Files.writeString(cohort.resolve(file), "not looked at");
        }
        roster = WORK.resolve("classroom_roster.csv");
        Files.writeString(roster, "\uFEFF\"identifier\",\"github_username\",\"github_id\",\"name\"\n"
                + "\"alice@uni.example\",\"alice\",\"1001\",\"Lovelace, Ada\"\n"
                + "\"s-0002\",\"Bob\",\"1002\",\"" + HOSTILE_DISPLAY_NAME.replace("\"", "\"\"") + "\"\n"
                + "\"s-0003\",\"carol\",\"1003\",\"Carol Compile\"\n"
                + "\"s-0005\",\"erin\",\"1005\",\"Erin Pdf\"\n"
                + "\"s-0006\",\"frank\",\"1006\",\"Frank Absent\"\n"
                + "\"s-0007\",\"\",\"\",\"Grace Unlinked\"\n"
                + "\"s-0008\",\"mallory\",\"1008\",\"Mallory\"\n", StandardCharsets.UTF_8);
        Ran ran = grade(cohort, out, "--roster", roster.toString(), "--points-possible", "12.5");
        assertEquals(0, ran.code(), ran.err());
        log = ran.err();
        results = new LinkedHashMap<>();
        try (Stream<Path> students = Files.list(out.resolve("students"))) {
            for (Path folder : students.sorted().toList()) {
                StudentResult result = exercise11.grader.report.Reports.readRaw(folder.resolve("checks.tsv"));
                results.put(result.student(), result);
            }
        }
    }

    @Test
    @DisplayName("canvas.csv: Canvas's columns, points possible, the roster's identifier as SIS Login ID, scores to two decimals")
    void canvasImport() throws IOException {
        List<CSVRecord> rows = read(out.resolve("canvas.csv"));
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise 11"), rows.get(0).toList());
        assertEquals(List.of("Points Possible", "", "", "", "", "12.50"), rows.get(1).toList());
        Map<String, CSVRecord> byLogin = byColumn(rows.subList(2, rows.size()), 3);
        assertEquals(List.of("alice@uni.example", "s-0002", "s-0003", "s-0008").stream().sorted().toList(),
                byLogin.keySet().stream().sorted().toList(), "exactly the graded students the roster names");
        assertEquals("Lovelace, Ada", byLogin.get("alice@uni.example").get(0));
        assertEquals(scaled("exercise-11-alice"), byLogin.get("alice@uni.example").get(5));
        assertEquals("12.50", byLogin.get("alice@uni.example").get(5), "the solution earns every point");
        assertEquals(scaled("bob"), byLogin.get("s-0002").get(5));
        assertEquals(scaled("carol"), byLogin.get("s-0003").get(5), "a file that does not compile costs what its checks are worth");
        for (CSVRecord row : byLogin.values()) {
            assertEquals("", row.get(1), "Canvas's own ID is not the roster's to fill");
            assertEquals("", row.get(2), "the identifier goes to SIS Login ID only");
        }
    }

    @Test
    @DisplayName("moodle.csv: an ID-number and an e-mail column to map in Moodle's import form, the same scores")
    void moodleImport() throws IOException {
        List<CSVRecord> rows = read(out.resolve("moodle.csv"));
        assertEquals(List.of("ID number", "Email address", "Full name", "Exercise 11"), rows.get(0).toList());
        Map<String, CSVRecord> byId = byColumn(rows.subList(1, rows.size()), 0);
        assertEquals(4, byId.size(), rows.toString());
        assertEquals(List.of("alice@uni.example", "alice@uni.example", "Lovelace, Ada", scaled("exercise-11-alice")),
                byId.get("alice@uni.example").toList());
        assertEquals("", byId.get("s-0002").get(1), "a Classroom identifier that is no e-mail gives no e-mail");
        assertEquals(scaled("bob"), byId.get("s-0002").get(3));
    }

    @Test
    @DisplayName("the submission without a roster line, the roster lines without a submission and the one not graded are listed")
    void nobodyDroppedSilently() throws IOException {
        String listing = Files.readString(out.resolve("roster.md"));
        assertTrue(section(listing, "Submissions without a roster line").contains("- dave-not-on-the-roster: no roster line names it"),
                listing);
        String missing = section(listing, "Roster lines without a submission");
        assertTrue(missing.contains("line 6 (Frank Absent, frank)") && missing.contains("line 7 (Grace Unlinked, no GitHub account linked)"),
                listing);
        assertTrue(section(listing, "Matched but not imported").contains("- erin: not graded: erin.pdf is a .pdf file"), listing);
        assertTrue(log.contains("gradebook imports: canvas.csv and moodle.csv hold 4 student(s), scores out of 12.50; 1 submission(s)"
                + " without a roster line, 2 roster line(s) without a submission, 1 not imported (roster.md lists them)"), log);
        assertTrue(Files.readString(out.resolve("index.html")).contains("<dt>gradebook imports</dt><dd><a href=\"canvas.csv\">canvas.csv</a>"
                + " and <a href=\"moodle.csv\">moodle.csv</a>: 4 student(s), scores out of 12.50; 1 submission(s) without a roster line,"
                + " 2 roster line(s) without a submission, 1 not imported; <a href=\"roster.md\">roster.md</a> lists who is not in them</dd>"),
                "the cohort's page does not say what the imports hold");
        for (String file : List.of("canvas.csv", "moodle.csv")) {
            String text = Files.readString(out.resolve(file));
            for (String absent : List.of("dave", "Frank", "Grace", "Erin", "s-0005")) {
                assertFalse(text.contains(absent), file + " holds " + absent + ":\n" + text);
            }
        }
    }

    @Test
    @DisplayName("entries named like formulas are refused and listed, never renamed; no CSV cell the kit writes starts a formula")
    void spreadsheetsRunNothing() throws IOException {
        String summary = Files.readString(out.resolve("summary.md"));
        List<String> hostile = new ArrayList<>(HOSTILE_NAMES);
        hostile.addAll(HOSTILE_FILES);
        for (String name : hostile) {
            assertTrue(log.contains("refused: " + name + " (refused: it starts with '" + name.charAt(0) + "', which a spreadsheet"
                    + " would run as a formula; rename the entry"), "no refusal of " + name + " in:\n" + log);
            assertTrue(summary.contains("| " + name.replace("|", "\\|") + " | refused: it starts with"), summary);
            assertFalse(results.containsKey(name), name + " was graded");
        }
        assertTrue(Files.readString(out.resolve("run.properties")).contains("refused.6.entry"), "a merge keeps the refusals");
        // The hostile message reached the reports, escaped in the page, and starts no CSV cell.
        assertTrue(Files.readString(out.resolve("students/mallory/feedback.md")).contains(HOSTILE_MESSAGE));
        String page = Files.readString(out.resolve("students/mallory/index.html"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), "the message is not escaped");
        List<Path> files;
        try (Stream<Path> csv = Files.list(out)) {
            files = csv.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(List.of("canvas.csv", "gradebook.csv", "moodle.csv", "similarity.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        int cells = 0;
        for (Path file : files) {
            for (CSVRecord row : read(file)) {
                for (String cell : row) {
                    cells++;
                    assertFalse(startsAFormula(cell), file.getFileName() + " has a cell a spreadsheet would run: " + cell);
                }
            }
        }
        assertTrue(cells > 100, "the files were read: " + cells + " cells");
        Map<String, CSVRecord> moodle = byColumn(read(out.resolve("moodle.csv")), 0);
        assertEquals("'" + HOSTILE_DISPLAY_NAME, moodle.get("s-0002").get(2), "a name is shown whole, after an apostrophe");
        // The gradebook's numbers stay numbers.
        CSVRecord bob = byColumn(read(out.resolve("gradebook.csv")), 0).get("bob");
        assertEquals("0", bob.get(2));
        assertEquals("0.0", bob.get(4));
    }

    @Test
    @DisplayName("the cohort's page with the imports and the refused entries, and every student's page, pass axe-core")
    void pagesStayAccessible() throws Exception {
        // The pair pages are SimilarityTests' to audit; here the pages that hold the hostile names and messages.
        List<Path> pages = Cohorts.pages(out).stream().filter(p -> !p.getParent().equals(out.resolve("similarity"))).toList();
        assertEquals(1 + results.size(), pages.size(), pages.toString());
        assertTrue(pages.contains(out.resolve("students/mallory/index.html")), pages.toString());
        Accessibility.assertNoViolations(WORK, pages);
    }

    @Test
    @DisplayName("the cell writer: formula starts neutralised, numbers and plain text untouched, line breaks kept in one cell")
    void cellWriter() throws IOException {
        List<String> hostile = List.of("=1+1", "+A1", "-A1", "@SUM(A1)", "\tTAB", "\rCR", "-1+2", "=HYPERLINK(\"http:evil\",\"x\")",
                "a,b", "line\nbreak", "say \"hi\"");
        List<String> plain = List.of("-3", "88.5", "+7", "1e5", "alice", "", "'already quoted", "x=1");
        List<String> all = new ArrayList<>(hostile);
        all.addAll(plain);
        Csv csv = new Csv(List.of("c" + 0));
        all.forEach(value -> csv.row(List.of(value, "2")));
        List<CSVRecord> rows = read(csv.toString());
        assertEquals(all.size() + 1, rows.size(), csv.toString());
        for (int i = 0; i < all.size(); i++) {
            String written = rows.get(i + 1).get(0);
            String expected = i < hostile.size() && !hostile.get(i).matches("a,b|line\nbreak|say \"hi\"") ? "'" + all.get(i) : all.get(i);
            assertEquals(expected, written, "cell " + i);
            assertEquals("2", rows.get(i + 1).get(1));
        }
        assertEquals(Optional.empty(), Csv.unsafeIdentifier("alice-smith"));
        assertTrue(Csv.unsafeIdentifier("=cmd").isPresent() && Csv.unsafeIdentifier("a\nb").isPresent()
                && Csv.unsafeIdentifier("\tx").isPresent());
    }

    @Test
    @DisplayName("a plain roster (submission, student_id, email, name, section) and --canvas-match sis-user-id")
    void plainRosterAndSisUserId() throws IOException {
        Path plain = WORK.resolve("plain-roster.csv");
        // As a spreadsheet saves it: CRLF, an empty column after the last.
        Files.writeString(plain, "submission,student_id,email,name,section,\r\n"
                + "bob,20261002,bob@uni.example,Bob Builder,Lab B,\r\n"
                + "dave-not-on-the-roster,20261004,dave@uni.example,Dave,Lab A,\r\n"
                + "zoe,20261009,zoe@uni.example,Zoe Nobody,Lab A,\r\n", StandardCharsets.UTF_8);
        Path folder = Files.createDirectories(WORK.resolve("plain-imports"));
        Gradebooks.Written written = Gradebooks.write(List.copyOf(results.values()), 100, Roster.read(plain),
                new Gradebooks.Settings(plain, Optional.empty(), "Lab 11 (4711)", "sis-user-id"), folder);
        Map<String, CSVRecord> canvas = byColumn(read(folder.resolve("canvas.csv")).subList(2, 4), 2);
        assertEquals(List.of("Dave", "", "20261004", "", "Lab A", scaledTo("dave-not-on-the-roster", 100)), canvas.get("20261004").toList());
        assertEquals("Lab 11 (4711)", read(folder.resolve("canvas.csv")).get(0).get(5));
        assertEquals(2, written.imported());
        assertEquals(List.of("zoe"), written.matching().withoutSubmission().stream().map(Roster.Student::key).toList());
        assertTrue(written.matching().withoutRosterLine().contains("exercise-11-alice"), written.matching().toString());
        Map<String, CSVRecord> moodle = byColumn(read(folder.resolve("moodle.csv")).subList(1, 3), 0);
        assertEquals("bob@uni.example", moodle.get("20261002").get(1));
    }

    @Test
    @DisplayName("a roster mistake stops the run before anyone is graded, in one line with the file and line")
    void rosterMistakes() throws IOException {
        Map<String, String> rosters = new LinkedHashMap<>();
        rosters.put("identifier,github_username,github_id,name\n=1+1,eve,1,Eve\n",
                "error: roster %s, line 2: the identifier '=1+1' is refused: it starts with '=', which a spreadsheet would run as a"
                        + " formula; correct the roster (grade --help lists the options)");
        rosters.put("name,mail\nEve,eve@uni.example\n", "error: roster %s: its first line names neither GitHub Classroom's columns"
                + " (identifier,github_username,github_id,name) nor a plain roster's (submission,student_id,email[,name][,section])"
                + " (grade --help lists the options)");
        rosters.put("submission,student_id,email\neve,1,eve@uni.example\nEVE,2,eve2@uni.example\n",
                "error: roster %s: lines 2 and 3 are both for submission 'EVE' (grade --help lists the options)");
        rosters.put("identifier,github_username,github_id,name\ns-1,eve,1,Eve\ns-1,mel,2,Mel\n",
                "error: roster %s: lines 2 and 3 have the same identifier 's-1' (grade --help lists the options)");
        rosters.put("submission,student_id,email,email\neve,1,eve@uni.example,eve@uni.example\n",
                "^error: roster %s: its first line cannot be a header: "); // then Commons CSV's own words
        rosters.put("submission,student_id,email\n\"eve,1,eve@uni.example\n", null);
        int n = 0;
        for (Map.Entry<String, String> mistake : rosters.entrySet()) {
            Path file = WORK.resolve("bad-roster-" + (++n) + ".csv");
            Files.writeString(file, mistake.getKey(), StandardCharsets.UTF_8);
            Path nowhere = WORK.resolve("never-" + n);
            Ran ran = grade(cohort, nowhere, "--roster", file.toString());
            assertEquals(2, ran.code(), ran.err());
            assertEquals(1, ran.err().lines().count(), ran.err());
            if (mistake.getValue() != null && mistake.getValue().startsWith("^")) {
                assertTrue(ran.err().startsWith(String.format(mistake.getValue().substring(1), file)), ran.err());
            } else if (mistake.getValue() != null) {
                assertEquals(String.format(mistake.getValue(), file), ran.err().strip());
            } else {
                assertTrue(ran.err().startsWith("error: roster " + file + " is not a CSV file: "), ran.err());
            }
            assertFalse(Files.exists(nowhere), "the run went on: " + nowhere);
        }
        for (String[] args : List.of(new String[] {"--points-possible", "10"}, new String[] {"--roster", roster.toString(),
            "--points-possible", "1.234"}, new String[] {"--roster", roster.toString(), "--canvas-match", "email"},
            new String[] {"--roster", roster.toString(), "--assignment", "=evil()"})) {
            Ran ran = grade(cohort, WORK.resolve("never"), args);
            assertEquals(2, ran.code(), String.join(" ", args) + ": " + ran.err());
            assertEquals(1, ran.err().lines().count(), ran.err());
            assertFalse(Files.exists(WORK.resolve("never")));
        }
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran grade(Path submissions, Path to, String... more) {
        List<String> args = new ArrayList<>(List.of(submissions.toString(), "--out", to.toString(), "--kit", Cohorts.KIT.toString(),
                "--jobs", "2", "--seed", "20261123"));
        args.addAll(List.of(more));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Grade.execute(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Ran(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /** A student's score scaled to the imports' points, as the imports write it. */
    private static String scaled(String student) {
        return scaledTo(student, POINTS);
    }

    private static String scaledTo(String student, double points) {
        StudentResult result = results.get(student);
        return BigDecimal.valueOf(result.score() / 100 * points).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static boolean startsAFormula(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !cell.matches("[+-]?\\d+(\\.\\d+)?");
    }

    private static String section(String markdown, String title) {
        int start = markdown.indexOf("## " + title);
        assertTrue(start >= 0, "no section " + title + " in:\n" + markdown);
        int end = markdown.indexOf("\n## ", start + 3);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static Map<String, CSVRecord> byColumn(List<CSVRecord> rows, int column) {
        Map<String, CSVRecord> by = new LinkedHashMap<>();
        rows.forEach(r -> by.put(r.get(column), r));
        return by;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> read(String text) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
            return parser.getRecords();
        }
    }
}
