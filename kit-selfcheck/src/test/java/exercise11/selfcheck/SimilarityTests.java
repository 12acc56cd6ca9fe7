package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Grade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The similarity report on a cohort graded in two shards and merged, as a big course would: the merge makes the
 * report over the whole cohort. The cohort: two students who each wrote the exercise alone in their own way
 * ({@code fixtures/similarity}), a disguised copy of one of them (names changed, methods moved, comments and a little
 * dead code added), the kit's solution, two untouched starters, an empty submission and one that does not compile.
 */
@DisplayName("Similarity: the grader finds the copy, and shows the teacher why")
class SimilarityTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "similarity").toAbsolutePath();
    private static final Path FIXTURES = Cohorts.KIT.resolve("kit-selfcheck/fixtures/similarity");
    private static final List<String> STUDENTS = List.of("alice", "mallory", "bob", "hana", "carol", "dan", "erin", "frank", "gina");
    private static Cohorts.Graded firstShard;
    private static Path merged;
    private static String mergeLog;

    @BeforeAll
    static void gradeInTwoShardsAndMerge() throws Exception {
        Cohorts.deleteTree(WORK);
        Path cohort = Files.createDirectories(WORK.resolve("cohort"));
        fixture(cohort, "alice", "independent-a");
        fixture(cohort, "mallory", "disguised-copy-of-a");
        fixture(cohort, "bob", "independent-b");
        fixture(cohort, "hana", "independent-c");
        Variant.ofSolution("carol").writeTo(Cohorts.KIT, cohort);
        Variant.ofStarter("dan").writeTo(Cohorts.KIT, cohort);
        Variant.ofStarter("erin").writeTo(Cohorts.KIT, cohort);
        Files.createDirectories(cohort.resolve("frank/src/main/java/exercise11"));
        fixture(cohort, "gina", "independent-b");
        Path broken = cohort.resolve("gina/src/main/java/exercise11/UdpServer.java");
        String server = Files.readString(broken);
        Files.writeString(broken, server.substring(0, server.length() / 2)); // cut off in the middle of a method
        firstShard = Cohorts.gradeFolder(cohort, WORK.resolve("shard-1"), "--shard", "1/2");
        Cohorts.gradeFolder(cohort, WORK.resolve("shard-2"), "--shard", "2/2");
        merged = WORK.resolve("merged");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
        int code = Grade.execute(new String[] {"--merge", WORK.resolve("shard-1").toString(), WORK.resolve("shard-2").toString(),
                "--out", merged.toString(), "--kit", Cohorts.KIT.toString(), "--similarity-threshold", "60"}, stream, stream);
        mergeLog = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, mergeLog);
    }

    @Test
    @DisplayName("a shard leaves the report to the merge, which makes it over the whole cohort")
    void shardsLeaveItToTheMerge() {
        assertFalse(Files.exists(firstShard.out().resolve("similarity.csv")), "a shard wrote a similarity report of its part");
        assertTrue(firstShard.log().contains("similarity: made when the shards are merged (--merge)"), firstShard.log());
        assertTrue(mergeLog.contains("similarity: 5 submissions compared"), mergeLog);
    }

    @Test
    @DisplayName("the disguised copy ranks top against its source and is marked; no other pair is")
    void theCopyRanksTop() throws IOException {
        List<String> rows = Files.readAllLines(merged.resolve("similarity.csv"));
        assertEquals("student_a,student_b,similarity,max_similarity,matched_tokens,marked,page", rows.get(0));
        assertTrue(rows.get(1).startsWith("alice,mallory,") && rows.get(1).contains(",yes,similarity/001.html"), String.join("\n", rows));
        for (String row : rows.subList(2, rows.size())) {
            assertTrue(row.contains(",no,"), "an honest pair was marked: " + row + "\n" + String.join("\n", rows));
        }
        double copy = Double.parseDouble(rows.get(1).split(",")[2]);
        double honest = Double.parseDouble(rows.get(2).split(",")[2]);
        assertTrue(copy - honest >= 0.2, () -> String.format(Locale.ROOT, "the copy (%.2f) should stand well apart from the most"
                + " similar honest pair (%.2f)", copy, honest));
    }

    @Test
    @DisplayName("untouched starters, an empty submission and one that does not parse are named as not compared, with why")
    void whatCannotBeComparedIsNamed() throws IOException {
        String page = Files.readString(merged.resolve("index.html"));
        Matcher left = Pattern.compile("<p>Not compared: (.*?)</p>").matcher(page);
        assertTrue(left.find(), page);
        String notCompared = left.group(1);
        for (String expected : List.of("dan (nothing but the starter&#39;s code, unchanged)", "erin (nothing but the starter",
                "frank (no Java code was kept", "gina (its code does not parse as Java)")) {
            assertTrue(notCompared.contains(expected), expected + " in: " + notCompared);
        }
        assertTrue(page.contains("href=\"similarity/001.html\"") && page.contains("id=\"similarity\""), "no similarity section");
    }

    @Test
    @DisplayName("a student's own reports never mention similarity or another student")
    void studentsReportsStayTheirOwn() throws IOException {
        for (String student : STUDENTS) {
            Path folder = merged.resolve("students").resolve(student);
            for (String report : List.of("feedback.md", "index.html", "results.json")) {
                String text = Files.readString(folder.resolve(report)).toLowerCase(Locale.ROOT);
                assertFalse(text.contains("similar"), student + "/" + report + " mentions similarity");
                for (String other : STUDENTS) {
                    if (!other.equals(student)) {
                        assertFalse(Pattern.compile("\\b" + other + "\\b").matcher(text).find(), student + "/" + report + " names " + other);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("the pair's page shows both students' code side by side with the matched lines marked, and opens in Chromium")
    void pairPageOpensInABrowser() throws Exception {
        Path page = merged.resolve("similarity/001.html");
        String html = Files.readString(page);
        assertTrue(html.contains("<h2 id=\"side-a\">alice</h2>") && html.contains("<h2 id=\"side-b\">mallory</h2>"), "not both sides");
        assertTrue(count(html, "<mark class=") >= 20, "few marked lines");
        assertTrue(html.contains("id=\"a-m1\"") && html.contains("id=\"b-m1\"") && html.contains("href=\"#a-m1\""), "match 1 is not linked");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "the page fetches something");
        HeadlessBrowser browser = HeadlessBrowser.start(WORK);
        try {
            HeadlessBrowser.Result dom = browser.dom(page, 1280);
            Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom.stdout());
            assertTrue(body.find(), "no page in the browser's output:\n" + dom.stderr());
            assertFalse(body.group(1).contains("data-errors"), "a script error: <body" + body.group(1) + ">");
            Matcher width = Pattern.compile("data-width=\"(\\d+)\"").matcher(body.group(1));
            assertTrue(width.find() && Integer.parseInt(width.group(1)) <= 1280, "wider than a 1280 px window: <body" + body.group(1) + ">");
            assertEquals(List.of(), dom.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList(), "the page wrote to the console");
        } finally {
            browser.close();
        }
    }

    @Test
    @DisplayName("the merged run's pages pass axe-core's WCAG 2.1 A and AA rules: the cohort's with its similarity section, a"
            + " student's, the copy's pair page and the lowest pair's")
    void everyPagePassesAxe() throws Exception {
        List<Path> pages = Cohorts.pages(merged);
        assertEquals(1 + STUDENTS.size(), pages.stream().filter(p -> p.getFileName().toString().equals("index.html")).count(), pages.toString());
        assertTrue(pages.contains(merged.resolve("similarity/001.html")), "the copy's pair has a page: " + pages);
        List<Path> pairs = pages.stream().filter(p -> p.getParent().equals(merged.resolve("similarity"))).toList();
        assertTrue(pairs.size() >= 2, pairs.toString());
        // Each page of a kind comes from the same code; CohortReportTests and GradebookImportTests audit every student's
        // page of their cohorts. Here: each kind once, and the pair pages at both ends (a marked copy, an honest pair).
        Accessibility.assertNoViolations(WORK, List.of(pages.get(0), pages.get(1), pairs.get(0), pairs.get(pairs.size() - 1)));
    }

    @Test
    @DisplayName("a pair's page tells the matches apart by more than colour (each marked line shows its match's number), and each"
            + " file's code is a region the keyboard reaches, named by the student and the file")
    void matchesAreNumberedAndCodeIsReachable() throws IOException {
        String html = Files.readString(merged.resolve("similarity/001.html"));
        Matcher line = Pattern.compile("<span class=\"ln\"> *(\\d+)</span> (?:<span class=\"mn\"> *(\\d+)</span> |   )"
                + "(?:<strong class=\"tag\" id=\"[ab]-m(\\d+)\">match \\d+</strong> )?(<mark class=\"m(\\d)\">)?").matcher(html);
        int lines = 0;
        int marked = 0;
        while (line.find()) {
            lines++;
            String where = "line " + line.group(1) + ": " + line.group();
            assertEquals(line.group(4) != null, line.group(2) != null, "a marked line without its match's number, or the reverse: " + where);
            if (line.group(2) != null) {
                marked++;
                int match = Integer.parseInt(line.group(2));
                assertEquals((match - 1) % 6, Integer.parseInt(line.group(5)), "the colour is not match " + match + "'s: " + where);
                assertTrue(line.group(3) == null || line.group(3).equals(line.group(2)), "labelled as another match: " + where);
            }
        }
        assertTrue(lines > 100 && marked >= 20, lines + " lines, " + marked + " marked");
        Matcher pre = Pattern.compile("<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-labelledby=\"(side-[ab]) ([ab]-file-\\d+)\">")
                .matcher(html);
        int regions = 0;
        while (pre.find()) {
            regions++;
            for (String id : List.of(pre.group(1), pre.group(2))) {
                assertTrue(Pattern.compile("<h[23] id=\"" + id + "\">[^<]+</h[23]>").matcher(html).find(), "no heading " + id + " names the code");
            }
        }
        assertEquals(count(html, "<pre class=\"code\""), regions, "a file's code that the keyboard cannot reach, or with no name");
        assertTrue(regions >= 2, "both sides' code");
    }

    @Test
    @DisplayName("a cohort of one says in one line that there is nothing to compare; --no-similarity writes no report")
    void aCohortOfOne() throws IOException {
        Cohorts.Graded one = Cohorts.grade("similarity-one", List.of(Variant.ofSolution("solo")));
        assertTrue(one.log().contains("(fewer than two submissions with code of their own: nothing to compare)"), one.log());
        assertEquals(100.0, one.of("solo").score(), 1e-9);
        assertTrue(Files.readString(one.out().resolve("index.html")).contains("nothing to compare"));
        Cohorts.Graded off = Cohorts.grade("similarity-off", List.of(Variant.ofSolution("solo")), "--no-similarity");
        assertFalse(Files.exists(off.out().resolve("similarity.csv")) || Files.exists(off.out().resolve("similarity")),
                "--no-similarity wrote a report");
        assertFalse(Files.readString(off.out().resolve("index.html")).contains("id=\"similarity\""), "--no-similarity left a section");
    }

    private static void fixture(Path cohort, String student, String fixture) throws IOException {
        Variant.ofStarter(student).writeTo(Cohorts.KIT, cohort);
        try (Stream<Path> files = Files.list(FIXTURES.resolve(fixture).resolve("src/main/java/exercise11"))) {
            for (Path file : files.toList()) {
                Files.copy(file, cohort.resolve(student).resolve("src/main/java/exercise11").resolve(file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
