package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reports a teacher reads, for the cohort of the teacher's first try: the solution, the untouched starter, and
 * the starter with TODO 1 and 2 done. The cohort page is opened in a real headless browser (Chromium): CI requires
 * it ({@code EXERCISE11_REQUIRE_BROWSER=1}); elsewhere the browser test is skipped, saying why, when none is installed.
 */
@DisplayName("The cohort's reports (index.html, gradebook, summary, a page per student)")
class CohortReportTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck")).toAbsolutePath();
    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeTheTeachersFirstCohort() throws IOException {
        Path starterClient = Cohorts.KIT.resolve("exercise-11-starter/src/main/java/exercise11/UdpClient.java");
        String stub1 = stubLine(starterClient, "TODO 1");
        String stub2 = stubLine(starterClient, "TODO 2");
        Variant halfway = Variant.ofStarter("carol-todo-1-and-2")
                .replace("UdpClient.java", stub1, "return time.format(java.time.format.DateTimeFormatter.ofPattern("
                        + "\"yyyy-MM-dd HH:mm:ss\")) + (time.getNano() / 1000 == 0 ? \"\""
                        + " : String.format(java.util.Locale.ROOT, \".%06d\", time.getNano() / 1000));")
                .replace("UdpClient.java", stub2, "return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);");
        // A folder name as a learning platform's download gives it: long, with no place to break, for the page's width.
        Variant longName = Variant.ofStarter("erin-" + "Submission_attempt_2026-12-01-23-59-58_".repeat(3) + "UdpExercise11");
        graded = Cohorts.grade("cohort-report", List.of(Variant.ofSolution("alice-solution"), Variant.ofStarter("bob-starter"), halfway,
                longName));
    }

    @Test
    @DisplayName("index.html is one self-contained file: inline style, charts and script, nothing fetched")
    void pageIsSelfContained() throws IOException {
        String page = Files.readString(graded.out().resolve("index.html"));
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 100));
        assertEquals(4, count(page, "<figure class=\"chart\""), "four charts: scores, TODOs, costliest checks, similarity");
        assertTrue(page.indexOf("id=\"students\"") > 0 && page.indexOf("id=\"students\"") < page.indexOf("id=\"charts\""),
                "the students' table comes before the charts");
        for (int todo = 1; todo <= 9; todo++) {
            assertTrue(Pattern.compile(">T" + todo + "<br><small>of \\d+</small></button></th>").matcher(page).find(), "TODO " + todo + "'s column says its worth");
        }
        assertEquals(4, count(page, "<svg"), "every chart drawn to SVG when the page was written");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "the page fetches something");
        assertFalse(page.contains("<link"), "the page links a file");
        for (String student : graded.results().keySet()) {
            assertTrue(page.contains("href=\"students/" + student + "/index.html\""), "no link to " + student);
            assertTrue(Files.isRegularFile(graded.out().resolve("students").resolve(student).resolve("index.html")), student);
        }
        for (String fact : List.of("kit", "JDK", "property seed", "shard", "started")) {
            assertTrue(page.contains("<dt>" + fact + "</dt>"), "the run's facts lack " + fact);
        }
    }

    @Test
    @DisplayName("opens in headless Chromium with no console message, every chart drawn, and a screenshot kept")
    void opensInABrowser() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.start(WORK);
        Path page = graded.out().resolve("index.html");
        try {
            HeadlessBrowser.Result dom = browser.dom(page, 1280);
            Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom.stdout());
            assertTrue(body.find(), "no page in the browser's output:\n" + dom.stderr());
            assertTrue(body.group(1).contains("data-charts=\"4\"") && body.group(1).contains("data-charts-drawn=\"4\""), // scores, TODOs, costliest, similarity
                    "not every chart drew: <body" + body.group(1) + ">");
            assertFalse(body.group(1).contains("data-errors"), "a script error: <body" + body.group(1) + ">");
            Matcher width = Pattern.compile("data-width=\"(\\d+)\"").matcher(body.group(1));
            assertTrue(width.find() && Integer.parseInt(width.group(1)) <= 1280,
                    "the page does not fit a 1280 px window without scrolling sideways: <body" + body.group(1) + ">");
            List<String> console = dom.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
            assertEquals(List.of(), console, "the page wrote to the console");
            Path shot = Path.of("target/cohort-report/index.png").toAbsolutePath();
            Files.createDirectories(shot.getParent());
            Files.deleteIfExists(shot);
            browser.browse("--hide-scrollbars", "--window-size=1280,2400", "--screenshot=" + shot, page.toUri().toString());
            assertTrue(Files.size(shot) > 10_000, "the screenshot is empty: " + shot);
        } finally {
            browser.close();
        }
    }

    @Test
    @DisplayName("every page passes axe-core's WCAG 2.1 A and AA rules in headless Chromium: the cohort's, each student's, each pair's")
    void everyPagePassesAxe() throws Exception {
        List<Path> pages = Cohorts.pages(graded.out());
        for (String student : graded.results().keySet()) {
            assertTrue(pages.contains(graded.out().resolve("students").resolve(student).resolve("index.html")), student + "'s page");
        }
        assertTrue(pages.contains(graded.out().resolve("similarity/001.html")), "the solution and carol's half make a pair with a page: "
                + pages);
        Accessibility.assertNoViolations(WORK, pages);
    }

    /**
     * In the cohort page: each head of the students' table, its button focused (and how it shows its focus), then
     * pressed twice, and after each press the heads' aria-sort, the rows and the column's sort keys as the page's
     * script reads them (numbers from data-value, else the cell's text).
     */
    private static final String KEYBOARD = """
            () => {
              const table = document.querySelector('table.sortable');
              const heads = Array.from(table.tHead.rows[0].cells);
              const rows = () => Array.from(table.tBodies[0].rows);
              const students = () => rows().map(row => row.cells[0].textContent.trim());
              const state = (th, column) => ({sort: th.getAttribute('aria-sort'),
                others: heads.filter(other => other !== th && other.hasAttribute('aria-sort')).length,
                students: students(), keys: rows().map(row => {
                  const cell = row.cells[column];
                  return cell.dataset.value !== undefined ? Number(cell.dataset.value) : cell.textContent.trim().toLowerCase();
                })});
              const before = students();
              return {before: before, columns: heads.map((th, column) => {
                const button = th.querySelector(':scope > button');
                const head = {head: th.textContent.trim(), button: button !== null};
                if (button === null) {
                  return head;
                }
                button.focus();
                const style = getComputedStyle(button);
                Object.assign(head, {tag: button.tagName, type: button.type, disabled: button.disabled, tabIndex: button.tabIndex,
                  focused: document.activeElement === button, outline: style.outlineStyle + ' ' + style.outlineWidth,
                  name: button.textContent.trim()});
                button.click();
                head.first = state(th, column);
                button.click();
                head.second = state(th, column);
                return head;
              })};
            }""";

    @Test
    @DisplayName("the students' table works by keyboard alone: each column's head is a focusable button, with a visible focus,"
            + " that sorts the rows and says so in aria-sort")
    void sortsByKeyboard() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.start(WORK);
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(browser.evaluate(graded.out().resolve("index.html"), List.of(), KEYBOARD, 5000));
        } finally {
            browser.close();
        }
        List<String> before = texts(answer.get("before"));
        assertEquals(graded.results().keySet().stream().sorted().toList(), before.stream().sorted().toList(), "the table's rows");
        assertEquals(2 + 2 + 9 + 2, answer.get("columns").size(), "student, status, score, %, 9 TODOs, seconds, reason");
        boolean reordered = false;
        for (JsonNode column : answer.get("columns")) {
            String head = column.get("head").asText();
            assertTrue(column.get("button").asBoolean(), "no button in the head of " + head);
            assertEquals("BUTTON", column.get("tag").asText(), head);
            assertEquals("button", column.get("type").asText(), head);
            assertFalse(column.get("disabled").asBoolean(), head);
            assertTrue(column.get("tabIndex").asInt() >= 0 && column.get("focused").asBoolean(), "the button of " + head + " takes no focus");
            assertEquals("solid 3px", column.get("outline").asText(), "the button of " + head + " shows no focus");
            assertFalse(column.get("name").asText().isEmpty(), "a button with no name in " + head);
            for (String press : List.of("first", "second")) {
                JsonNode state = column.get(press);
                boolean ascending = press.equals("first");
                assertEquals(ascending ? "ascending" : "descending", state.get("sort").asText(), head + ", pressed " + press);
                assertEquals(0, state.get("others").asInt(), "another head still says it sorts, " + head + " pressed " + press);
                assertEquals(before.stream().sorted().toList(), texts(state.get("students")).stream().sorted().toList(), "rows lost");
                assertSorted(state.get("keys"), ascending, head + ", pressed " + press + ": " + state);
                reordered |= !texts(state.get("students")).equals(before);
            }
        }
        assertTrue(reordered, "no button changed the order of the rows");
    }

    @Test
    @DisplayName("each chart is an image named by its caption, with its figures in a table beside it: the text equivalent")
    void chartsHaveTextEquivalents() throws IOException {
        String page = Files.readString(graded.out().resolve("index.html"));
        Matcher figure = Pattern.compile("<figure class=\"chart\" id=\"chart-([\\w-]+)\">(.*?)</figure>", Pattern.DOTALL).matcher(page);
        Map<String, Map<String, Double>> charts = new java.util.LinkedHashMap<>();
        while (figure.find()) {
            String id = figure.group(1);
            String body = figure.group(2);
            Matcher svg = Pattern.compile("<svg role=\"img\" aria-labelledby=\"([\\w-]+)\"").matcher(body);
            assertTrue(svg.find(), "the chart " + id + " is not an image with a name");
            Matcher caption = Pattern.compile("<figcaption id=\"" + svg.group(1) + "\">([^<]+)</figcaption>").matcher(body);
            assertTrue(caption.find() && !caption.group(1).isBlank(), "the chart " + id + "'s name is not its caption");
            Matcher table = Pattern.compile("<details><summary>[^<]+</summary>\\s*<table id=\"chart-" + id + "-figures\" aria-labelledby=\""
                    + svg.group(1) + "\">(.*?)</table>\\s*</details>", Pattern.DOTALL).matcher(body);
            assertTrue(table.find(), "the chart " + id + " has no table of its figures:\n" + body.substring(Math.max(0, body.length() - 2000)));
            Map<String, Double> figures = new java.util.LinkedHashMap<>();
            Matcher row = Pattern.compile("<tr><td>([^<]*)</td><td class=\"n\">([\\d.]+)</td></tr>").matcher(table.group(1));
            while (row.find()) {
                figures.put(row.group(1), Double.parseDouble(row.group(2)));
            }
            assertFalse(figures.isEmpty(), "the chart " + id + "'s table has no figures");
            // The chart's text on its white background (Charts paints it white), as WCAG 2.1 reckons contrast (1.4.3).
            Matcher text = Pattern.compile("<text [^>]*style=['\"]fill: rgb\\((\\d+),(\\d+),(\\d+)\\)[^>]*>([^<]*)<").matcher(body);
            int texts = 0;
            while (text.find()) {
                texts++;
                double contrast = 1.05 / (luminance(text.group(1), text.group(2), text.group(3)) + 0.05);
                assertTrue(contrast >= 4.5, "the chart " + id + "'s text '" + text.group(4) + "' has a contrast of " + contrast + " on white");
            }
            assertTrue(texts > 0, "the chart " + id + " has no text in its SVG");
            charts.put(id, figures);
        }
        assertEquals(List.of("similarity", "scores", "todos", "costliest"), List.copyOf(charts.keySet()),
                "the similarity section's chart, then the three of the charts' section");

        Map<String, Double> scores = charts.get("scores");
        assertEquals(11, scores.size(), "a bar per tenth of the points, and 100");
        assertEquals(graded.results().size(), scores.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9, "students: " + scores);
        assertEquals(1, scores.get("100"), 1e-9, "the solution scores 100: " + scores);

        Map<String, Double> todos = charts.get("todos");
        Matcher perTodo = Pattern.compile("<tr><td>(TODO \\d)</td><td class=\"n\">[\\d.]+</td><td class=\"n\">[\\d.]+</td>"
                + "<td class=\"n\">(\\d+) %</td></tr>").matcher(page);
        int rows = 0;
        while (perTodo.find()) {
            rows++;
            assertTrue(todos.containsKey(perTodo.group(1)), perTodo.group(1) + " not in the chart's figures " + todos);
            assertEquals(Double.parseDouble(perTodo.group(2)), Math.round(todos.get(perTodo.group(1))), 1e-9, perTodo.group(1));
        }
        assertEquals(9, rows, "the per-TODO table's rows");
        assertEquals(9, todos.size(), "the chart's TODOs " + todos);

        List<Double> lost = List.copyOf(charts.get("costliest").values());
        for (int i = 1; i < lost.size(); i++) {
            assertTrue(lost.get(i - 1) >= lost.get(i), "not the costliest first: " + charts.get("costliest"));
        }
        assertTrue(lost.size() <= 10 && lost.get(0) > 0, charts.get("costliest").toString());

        Matcher compared = Pattern.compile("<p>(\\d+) submissions compared").matcher(page);
        assertTrue(compared.find(), "the similarity section says how many submissions it compared");
        Map<String, Double> spread = charts.get("similarity");
        assertEquals(10, spread.size(), spread.toString());
        assertEquals(Integer.parseInt(compared.group(1)), spread.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9,
                "a student per submission compared: " + spread);
    }

    /** The relative luminance of an sRGB colour, as WCAG 2.1 defines it. */
    private static double luminance(String... rgb) {
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(rgb[i]) / 255.0;
            linear[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** Whether {@code keys} (all numbers, or all text as the page's script compares it) are in order. */
    private static void assertSorted(JsonNode keys, boolean ascending, String what) {
        for (int i = 1; i < keys.size(); i++) {
            JsonNode a = keys.get(i - 1);
            JsonNode b = keys.get(i);
            int order = a.isNumber() && b.isNumber() ? Double.compare(a.asDouble(), b.asDouble()) : a.asText().compareTo(b.asText());
            assertTrue(ascending ? order <= 0 : order >= 0, "not sorted " + (ascending ? "ascending" : "descending") + ": " + what);
        }
    }

    @Test
    @DisplayName("gradebook.csv has the points lost charged to each TODO, and the given code's checks apart, never counted as passed")
    void gradebookHasPointsPerTodo() throws IOException {
        List<String> lines = Files.readAllLines(graded.out().resolve("gradebook.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(List.of("student", "status", "score", "max_score", "percent", "todo1_lost", "todo2_lost", "todo3_lost",
                "todo4_lost", "todo5_lost", "todo6_lost", "todo7_lost", "todo8_lost", "todo9_lost", "passed", "failed", "pending", "not_run", "unscored_passed", "unscored_checks",
                "seconds", "reason", "graded", "late"), header);
        Map<String, String> bob = row(lines, header, "bob-starter");
        assertEquals("0", bob.get("score"));
        assertEquals("0", bob.get("passed"), "the starter passed a scored check");
        assertTrue(Integer.parseInt(bob.get("unscored_passed")) > 0, "the given code's checks should pass in the starter");
        Map<String, String> carol = row(lines, header, "carol-todo-1-and-2");
        Map<String, String> alice = row(lines, header, "alice-solution");
        assertEquals("0", carol.get("todo1_lost"), "TODO 1 is done: nothing may be charged to it");
        assertEquals("0", carol.get("todo2_lost"), "TODO 2 is done: nothing may be charged to it");
        assertTrue(Double.parseDouble(carol.get("todo3_lost")) > 0, "TODO 3 is the starter's stub: " + carol);
        for (Map<String, String> student : List.of(alice, bob, carol)) {
            double lost = 0;
            for (int todo = 1; todo <= 9; todo++) {
                lost += Double.parseDouble(student.get("todo" + todo + "_lost"));
            }
            assertEquals(Double.parseDouble(student.get("max_score")) - Double.parseDouble(student.get("score")), lost, 1e-9,
                    "the points charged to the TODOs add up to the points lost: " + student);
        }
    }

    @Test
    @DisplayName("summary.md ranks checks by points lost and gives per TODO its worth, the mean points charged and the share it cost nothing")
    void summaryRanksByPointsLost() throws IOException {
        String summary = Files.readString(graded.out().resolve("summary.md"));
        assertTrue(summary.contains("Mean score ") && summary.contains(", median "), summary);
        assertTrue(summary.contains("| TODO 1 | ") && summary.contains("| TODO | worth | mean points lost | students it cost nothing |"), summary);
        String ranking = section(summary, "## Checks that cost the most points");
        List<Double> lost = ranking.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| check") && !l.startsWith("| ---"))
                .map(l -> Double.parseDouble(l.split(" \\| ")[2].trim())).toList();
        assertTrue(lost.size() > 3, ranking);
        for (int i = 1; i < lost.size(); i++) {
            assertTrue(lost.get(i - 1) >= lost.get(i), "not ranked by points lost:\n" + ranking);
        }
        assertFalse(ranking.contains("The lesson, shown on loopback"), "a 0-point check ranked among the points lost:\n" + ranking);
    }

    @Test
    @DisplayName("feedback.md and the student's page: points per TODO first, 0-point checks apart, no frames but the student's")
    void feedbackReadsWell() throws IOException {
        for (String student : graded.results().keySet()) {
            Path folder = graded.out().resolve("students").resolve(student);
            String feedback = Files.readString(folder.resolve("feedback.md"));
            String page = Files.readString(folder.resolve("index.html"));
            assertFalse(feedback.contains("(0/0)") || page.contains("(0 / 0)"), "a 0-point check shown with points: " + student);
            if (graded.of(student).reason().startsWith("nothing started")) {
                // The starter as handed out: a short feedback that says so, not forty pending checks.
                // (the bound leaves out the student's name, which a platform's download may make long)
                assertTrue(feedback.contains("Nothing is started yet") && !feedback.contains("⏳")
                        && feedback.replace(student, "").length() < 2_000, feedback);
                assertTrue(page.contains("Nothing is started yet") && !page.contains("class=\"pending\""), page);
                continue;
            }
            assertTrue(feedback.indexOf("| TODO 1 |") < feedback.indexOf("## TODO 1"), "points per TODO come first: " + student);
            assertTrue(feedback.contains("## Not scored"), feedback);
            for (String report : List.of(feedback, page, Files.readString(folder.resolve("results.json")))) {
                Matcher frame = Pattern.compile("\\bat (?!exercise11\\.(Cli|Settings|UdpClient|UdpServer)\\b)[\\w$.]+\\(").matcher(report);
                assertFalse(frame.find(), () -> "a frame not of the student's code in " + student + ": " + frame.group());
            }
        }
        assertTrue(graded.of("bob-starter").reason().startsWith("nothing started"), graded.of("bob-starter").reason());
        String carol = Files.readString(graded.out().resolve("students/carol-todo-1-and-2/feedback.md"));
        assertTrue(Pattern.compile("\\| TODO 1 \\| 12 \\| 0 \\| done \\|").matcher(carol).find(), carol);
        assertTrue(Pattern.compile("\\| TODO 3 \\| \\d+ \\| [1-9][\\d.]* \\|  \\|").matcher(carol).find(), carol);
    }

    @Test
    @DisplayName("a message keeps the student's stack frames only, as every report shows it")
    void keepsOnlyTheStudentsFrames() {
        String message = String.join("\n", "expected <1> but was <2>", "\tat org.quicktheories.impl.Core.shrink(Core.java:118)",
                "\tat exercise11.UdpClient.pythonTimestamp(UdpClient.java:31)", "\tat exercise11.checks.UdpClientTests.x(UdpClientTests.java:9)",
                "\tat exercise11.harness.PropertyChecks.check(PropertyChecks.java:40)", "\t... 12 more");
        assertEquals("expected <1> but was <2>\n\tat exercise11.UdpClient.pythonTimestamp(UdpClient.java:31)",
                exercise11.grader.report.Figures.studentFrames(message));
    }

    @Test
    @DisplayName("every file a report points to exists")
    void everyReasonPointsToSomethingThatExists() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern file = Pattern.compile("\\b[\\w-]+\\.(log|md|csv|html|json|tsv|txt)\\b");
        try (Stream<Path> reports = Files.walk(graded.out())) {
            for (Path report : reports.filter(p -> p.toString().matches(".*\\.(md|csv|html)$")).toList()) {
                Matcher m = file.matcher(Files.readString(report));
                while (m.find()) {
                    String name = m.group();
                    boolean known = name.equals("udp.properties") || name.endsWith(".txt") || exists(graded.out(), name);
                    if (!known) {
                        missing.add(graded.out().relativize(report) + " names " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing.stream().distinct().toList());
    }

    private static boolean exists(Path out, String name) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }

    private static String stubLine(Path file, String todo) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> l.startsWith("throw new UnsupportedOperationException(\"" + todo + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no stub of " + todo + " in " + file));
    }

    private static Map<String, String> row(List<String> lines, List<String> header, String student) {
        String line = lines.stream().filter(l -> l.startsWith(student + ",")).findFirst().orElseThrow(() -> new AssertionError("no row of " + student));
        String[] cells = line.split(",", header.size());
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), cells[i]);
        }
        return row;
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertTrue(start >= 0, "no " + heading + " in:\n" + markdown);
        int end = markdown.indexOf("\n## ", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
