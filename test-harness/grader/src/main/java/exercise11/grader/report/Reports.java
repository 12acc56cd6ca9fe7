package exercise11.grader.report;

import exercise11.grader.result.CheckResult;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.grader.spreadsheet.Csv;
import exercise11.harness.Blame;
import exercise11.harness.Json;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Write a student's reports (Gradescope, GitHub Classroom, Markdown, raw) and the cohort's gradebook and summary. */
public final class Reports {

    /**
     * Facts about the grading run that every report records, so a regrade can reproduce it.
     *
     * @param maxScore the rubric's total: what scores are out of
     * @param rubric the rubric's file name; {@code rubricSha256} the SHA-256 of its bytes
     * @param checksSha256 the SHA-256 of the kit's checks (their sources and resources), beside the kit's version
     * @param graded for one student's reports, when that student was graded (an instant); empty for a cohort's
     * @param regraded for a cohort's reports, which students came from a later run than the rest ({@code --only},
     *                 {@code --merge --prefer}); empty when none
     * @param ignored the entries of the submissions folder left out as litter ({@code __MACOSX}, {@code .DS_Store})
     * @param deadline the {@code --deadline} given, empty if none
     * @param refused the entries of the submissions folder refused for a name a spreadsheet would run, each with why
     */
    public record Run(String kitVersion, String jdk, long seed, String shard, double maxScore, boolean showHidden,
                      String started, String checksRan, String rubric, String rubricSha256, String checksSha256,
                      String graded, String regraded, List<String> ignored, String deadline, Map<String, String> refused) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("kit_version", kitVersion);
            map.put("jdk", jdk);
            map.put("property_seed", Long.toString(seed));
            map.put("shard", shard);
            map.put("started", started);
            map.put("checks_ran", checksRan);
            map.put("deadline", deadline);
            map.put("checks_sha256", checksSha256);
            map.put("rubric", rubric);
            map.put("rubric_sha256", rubricSha256);
            map.put("rubric_total", points(maxScore));
            if (maxScore != 100) {
                map.put("rubric_note", notOutOf100());
            }
            if (!graded.isEmpty()) {
                map.put("graded_at", graded);
            }
            return map;
        }

        /** These facts for one student graded at {@code when}. */
        public Run gradedAt(String when) {
            return new Run(kitVersion, jdk, seed, shard, maxScore, showHidden, started, checksRan, rubric, rubricSha256,
                    checksSha256, when, regraded, ignored, deadline, refused);
        }

        /** These facts with {@code note} saying which students came from a later run. */
        public Run withRegraded(String note) {
            return new Run(kitVersion, jdk, seed, shard, maxScore, showHidden, started, checksRan, rubric, rubricSha256,
                    checksSha256, graded, note, ignored, deadline, refused);
        }

        /** The rubric in words: its file, its hash's first 12 digits and its total, stating a total other than 100. */
        public String rubricFacts() {
            return rubric + " (sha256 " + rubricSha256.substring(0, Math.min(12, rubricSha256.length())) + "), "
                    + points(maxScore) + " points" + (maxScore == 100 ? "" : ": " + notOutOf100());
        }

        /** What a total other than 100 means, in words ({@code scored out of 104, not 100}); empty for 100. */
        public String notOutOf100() {
            return maxScore == 100 ? "" : "scored out of " + points(maxScore) + ", not 100";
        }
    }

    private Reports() {
    }

    /** The folder under {@code students/} (and the grader's work) that holds a student's reports: a safe file name. */
    public static String folderOf(String student) {
        return student.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Write every per-student report into {@code folder}. */
    public static void writeStudent(StudentResult result, Run run, Path folder) throws IOException {
        Files.createDirectories(folder);
        write(folder.resolve("results.json"), Json.write(gradescope(result, run)));
        write(folder.resolve("autograding.json"), Json.write(classroom(result, run)));
        write(folder.resolve("autograding.b64"), Base64.getEncoder().encodeToString(
                Json.write(classroom(result, run)).getBytes(StandardCharsets.UTF_8)) + "\n");
        write(folder.resolve("feedback.md"), feedback(result, run));
        write(folder.resolve("index.html"), Pages.student(result, run));
        write(folder.resolve("checks.tsv"), raw(result));
        RunFacts.write(run, folder.resolve("run.properties"));
        Files.createDirectories(folder.resolve("junit"));
        write(folder.resolve("junit").resolve("TEST-exercise11.xml"), junitXml(result));
    }

    /** JUnit's XML report: one test case per check, pending and not-run checks as skipped. */
    static String junitXml(StudentResult result) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = result.count(Outcome.FAILED);
        long errors = result.count(Outcome.ERROR);
        long skipped = result.checks().size() - result.count(Outcome.PASSED) - failures - errors;
        double seconds = result.checks().stream().mapToLong(s -> s.check().millis()).sum() / 1000.0;
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                attribute("exercise11 " + result.student()), result.checks().size(), failures, errors, skipped, seconds));
        for (Rubric.Scored s : result.checks()) {
            CheckResult c = s.check();
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                    attribute(c.className()), attribute(c.method() + ": " + c.name()), c.millis() / 1000.0));
            String message = attribute(c.message().lines().findFirst().orElse(""));
            String body = text(c.message());
            switch (c.status()) {
                case PASSED -> xml.append("/>\n");
                case FAILED -> xml.append(">\n    <failure message=\"").append(message).append("\">").append(body).append("</failure>\n  </testcase>\n");
                case ERROR -> xml.append(">\n    <error message=\"").append(message).append("\">").append(body).append("</error>\n  </testcase>\n");
                default -> xml.append(">\n    <skipped message=\"").append(attribute(c.status().word() + ": " + c.message().lines().findFirst().orElse("")))
                        .append("\"/>\n  </testcase>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String text(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF)) {
                        out.appendCodePoint(cp);
                    } else {
                        out.append("\\u").append(String.format(Locale.ROOT, "%04x", cp));
                    }
                }
            }
        });
        return out.toString();
    }

    private static String attribute(String value) {
        return text(value).replace("\"", "&quot;").replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;");
    }

    /** Gradescope's results.json: a score, and one test per check with its points and visibility. */
    static Map<String, Object> gradescope(StudentResult result, Run run) {
        List<Object> tests = new ArrayList<>();
        Map<Rubric.Scored, Blame.Charge> charges = Figures.charges(result);
        for (Rubric.Scored s : result.checks()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", s.check().name());
            test.put("score", s.earned());
            test.put("max_score", s.max());
            test.put("status", s.check().status() == Outcome.PASSED ? "passed" : "failed");
            String note = Figures.chargeNote(charges.get(s), s);
            test.put("output", s.check().status().word() + (note.isEmpty() ? "" : " (" + note + ")")
                    + (s.check().message().isEmpty() ? "" : ": " + shownMessage(s.check().message())));
            // A check that lost points is tagged with the one TODO it is charged to; a passed one with the TODOs it needs.
            test.put("tags", s.earned() < s.max() - 1e-9 ? List.of(Figures.label(charges.get(s).todo()))
                    : s.check().todos().stream().map(n -> "TODO " + n).toList());
            test.put("visibility", s.hidden() ? "after_published" : "visible");
            tests.add(test);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", result.score());
        json.put("max_score", run.maxScore());
        json.put("execution_time", result.seconds());
        json.put("output", result.status() + ": " + result.reason());
        json.put("visibility", "visible");
        json.put("tests", tests);
        Map<String, Object> extra = run.asMap();
        extra.put("graded", result.graded());
        extra.put("late", result.late());
        json.put("extra_data", extra);
        return json;
    }

    /** GitHub Classroom's autograding runner result (version 1): status, max score and one entry per check. */
    static Map<String, Object> classroom(StudentResult result, Run run) {
        List<Object> tests = new ArrayList<>();
        for (Rubric.Scored s : result.checks()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", s.check().name());
            test.put("status", switch (s.check().status()) {
                case PASSED -> "pass";
                case ERROR -> "error";
                default -> "fail";
            });
            test.put("message", s.hidden() && !run.showHidden() ? "" : shownMessage(s.check().message()));
            test.put("line_no", 0);
            test.put("execution_time", String.format(Locale.ROOT, "%.3fs", s.check().millis() / 1000.0));
            test.put("score", s.earned());
            tests.add(test);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("status", result.status() == Status.ERROR ? "error" : result.score() >= run.maxScore() - 1e-9 ? "pass" : "fail");
        json.put("max_score", run.maxScore());
        json.put("tests", tests);
        return json;
    }

    /** What the feedback of a submission with nothing started says instead of listing every pending check. */
    static final String NOTHING_STARTED = "Nothing is started yet: every scored check reached a TODO stub, as in the"
            + " starter handed out. Start with TODO 1 in src/main/java/exercise11/UdpClient.java; `mvn verify` in your"
            + " repository shows what each check expects.";

    /** How the reports say where a lost point is counted. */
    static final String CHARGE_RULE = "A TODO is worth the points of the checks whose last needed TODO it is. Every point"
            + " lost is charged to the one TODO whose code is at fault, so a TODO may cost more than it is worth; each check"
            + " is listed under the TODO it is charged to.";

    /** The title of the section that lists the checks worth no points. */
    static final String UNSCORED_TITLE = "Not scored: the given code and the lesson's demonstrations";

    /** How many of the 0-point checks passed, in words. */
    static String unscoredSummary(List<Rubric.Scored> unscored) {
        long passed = unscored.stream().filter(s -> s.check().status() == Outcome.PASSED).count();
        return passed + " of " + unscored.size() + " passed. They earn no points: they show that the given code still works"
                + " and that the programs behave as the lesson's" + (passed == unscored.size() ? "." : "; those not passed follow.");
    }

    /** The longest line of a message a report shows whole. */
    static final int MAX_LINE = 400;

    /**
     * A message as reports show it to a student: only the student's own stack frames, at most 30 lines, a run of one
     * escaped character (a buffer of NULs) written once with its count, and a line longer than {@link #MAX_LINE} cut
     * with its length.
     */
    static String shownMessage(String message) {
        List<String> lines = Figures.studentFrames(message).lines().map(Reports::shownLine).toList();
        return lines.size() <= 30 ? String.join("\n", lines) : String.join("\n", lines.subList(0, 30)) + "\n(" + (lines.size() - 30) + " more lines)";
    }

    private static final java.util.regex.Pattern ESCAPE_RUN = java.util.regex.Pattern.compile("(\\\\u[0-9a-f]{4})\\1{7,}");

    private static String shownLine(String line) {
        java.util.regex.Matcher run = ESCAPE_RUN.matcher(line);
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            run.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(run.group(1) + " ×" + run.group().length() / 6 + " "));
        }
        String collapsed = run.appendTail(out).toString();
        return collapsed.length() <= MAX_LINE ? collapsed
                : collapsed.substring(0, MAX_LINE) + "… (" + collapsed.length() + " characters in all)";
    }

    /**
     * The Markdown feedback a student reads: the score, points per TODO, then the scored checks under the TODO each is
     * shown under, then the 0-point checks apart. The student's page ({@link Pages#student}) shows the same.
     */
    static String feedback(StudentResult result, Run run) {
        StringBuilder md = new StringBuilder();
        md.append("# Exercise 11 feedback: ").append(result.student()).append("\n\n");
        md.append(String.format(Locale.ROOT, "**Score: %s / %s** (%.0f %%)%n%n", points(result.score()), points(run.maxScore()),
                percent(result.score(), run.maxScore())));
        if (run.maxScore() != 100) {
            md.append("The rubric (").append(run.rubric()).append(") totals ").append(points(run.maxScore()))
                    .append(" points: ").append(run.notOutOf100()).append(".\n\n");
        }
        md.append("Status: ").append(result.status()).append(" — ").append(result.reason().lines().findFirst().orElse("")).append("\n\n");
        result.reason().lines().filter(l -> l.startsWith("not taken from your submission: ")).findFirst()
                .ifPresent(l -> md.append("Not graded, ").append(l.substring("not ".length())).append("\n\n"));
        if (result.reason().lines().count() > 1) {
            md.append("```\n").append(result.reason()).append("\n```\n\n");
        }
        if (!result.graded().isEmpty()) {
            md.append("Graded: ").append(result.graded()).append("\n\n");
        }
        if (!result.late().isEmpty()) {
            md.append("Late: ").append(result.late()).append("\n\n");
        }
        if (Figures.nothingStarted(result)) {
            // The starter as handed out: each TODO's stub once, instead of a table of nothing earned and forty pending checks.
            md.append(NOTHING_STARTED).append("\n\n");
            Figures.stubs(result).forEach(stub -> md.append("- ").append(stub).append('\n'));
            md.append('\n');
            footer(md, run);
            return md.toString();
        }
        md.append("| TODO | worth | lost | |\n| --- | ---: | ---: | --- |\n");
        Figures.perTodo(result, Figures.todos(List.of(result))).forEach((todo, p) -> md.append("| ").append(Figures.label(todo))
                .append(" | ").append(points(p.worth())).append(" | ").append(points(p.lost())).append(" | ")
                .append(p.done() ? "done" : "").append(" |\n"));
        md.append("| **total** | **").append(points(run.maxScore())).append("** | **").append(points(run.maxScore() - result.score()))
                .append("** | |\n\n");
        md.append(CHARGE_RULE).append("\n\n");
        Map<Rubric.Scored, Blame.Charge> charges = Figures.charges(result);
        Figures.byChargedTodo(result).forEach((todo, checks) -> {
            md.append("## ").append(Figures.label(todo)).append("\n\n");
            checks.forEach(s -> item(md, s, run, true, Figures.chargeNote(charges.get(s), s)));
            md.append('\n');
        });
        List<Rubric.Scored> unscored = result.checks().stream().filter(s -> !Figures.scored(s)).toList();
        if (!unscored.isEmpty()) {
            md.append("## ").append(UNSCORED_TITLE).append("\n\n").append(unscoredSummary(unscored)).append("\n\n");
            unscored.stream().filter(s -> s.check().status() != Outcome.PASSED).forEach(s -> item(md, s, run, false, ""));
            md.append('\n');
        }
        footer(md, run);
        return md.toString();
    }

    private static void footer(StringBuilder md, Run run) {
        md.append("---\nKit ").append(run.kitVersion()).append(", JDK ").append(run.jdk())
                .append(", property seed ").append(run.seed()).append(". The checks ran ").append(run.checksRan()).append(".\n");
        md.append("Rubric ").append(run.rubricFacts()).append(run.graded().isEmpty() ? "" : ". Graded " + run.graded()).append(".\n");
    }

    private static void item(StringBuilder md, Rubric.Scored s, Run run, boolean withPoints, String chargeNote) {
        boolean hide = s.hidden() && !run.showHidden();
        md.append("- ").append(mark(s.check().status())).append(' ').append(hide ? "hidden check" : s.check().name())
                .append(" — ").append(s.check().status().word());
        if (withPoints) {
            md.append(" (").append(points(s.earned())).append('/').append(points(s.max())).append(')');
        }
        md.append('\n');
        if (!chargeNote.isEmpty()) {
            md.append("  > ").append(chargeNote).append('\n');
        }
        if (!hide && !s.check().message().isEmpty() && s.check().status() != Outcome.PASSED) {
            shownMessage(s.check().message()).lines().limit(12).forEach(l -> md.append("  > ").append(l).append('\n'));
        }
    }

    /** The grader's own record of a student, read back by {@code --merge}. */
    static String raw(StudentResult result) {
        StringBuilder out = new StringBuilder();
        out.append("STUDENT\t").append(CheckResult.escape(result.student())).append('\t').append(result.status().word()).append('\t')
                .append(CheckResult.escape(result.reason())).append('\t').append(result.seconds())
                .append('\t').append(CheckResult.escape(result.graded())).append('\t').append(CheckResult.escape(result.late()))
                .append('\n');
        for (Rubric.Scored s : result.checks()) {
            out.append(s.earned()).append('\t').append(s.max()).append('\t').append(s.hidden()).append('\t')
                    .append(s.check().toLine()).append('\n');
        }
        return out.toString();
    }

    /** Read a record written by {@link #raw}. */
    public static StudentResult readRaw(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] head = lines.get(0).split("\t", -1);
        List<Rubric.Scored> checks = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 4);
            checks.add(new Rubric.Scored(CheckResult.fromLine(f[3]), Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                    Boolean.parseBoolean(f[2])));
        }
        return new StudentResult(CheckResult.unescape(head[1]), Status.of(head[2]), CheckResult.unescape(head[3]), checks,
                Double.parseDouble(head[4]), head.length > 5 ? CheckResult.unescape(head[5]) : "",
                head.length > 6 ? CheckResult.unescape(head[6]) : "");
    }

    /** Write the cohort's gradebook (CSV), summary (Markdown) and page ({@code index.html}). */
    public static void writeCohort(List<StudentResult> results, Run run, Path out) throws IOException {
        writeCohort(results, run, out, Optional.empty(), Optional.empty());
    }

    /**
     * The cohort's files, with the similarity report ({@code similarity.csv}, its pages, a section of the page) if any,
     * and the page saying what the gradebook imports beside it hold, if any were written ({@code imports}: one sentence).
     */
    public static void writeCohort(List<StudentResult> results, Run run, Path out, Optional<SimilarityReport> similarity,
                                   Optional<String> imports) throws IOException {
        write(out.resolve("gradebook.csv"), gradebook(results, run));
        write(out.resolve("summary.md"), summary(results, run));
        if (similarity.isPresent()) {
            similarity.get().write(out, Reports::folderOf);
        }
        write(out.resolve("index.html"), Pages.cohort(results, run, Reports::folderOf, similarity, imports));
    }

    /**
     * One row per student: the score, the points lost per TODO (charged to the TODO at fault; they add up to the points
     * lost), then the scored checks by outcome, and apart the
     * 0-point checks (given code, the lesson's demonstrations), which never count toward a score.
     */
    static String gradebook(List<StudentResult> results, Run run) {
        java.util.SortedSet<Integer> todos = Figures.todos(results);
        List<String> columns = new ArrayList<>(List.of("student", "status", "score", "max_score", "percent"));
        todos.forEach(t -> columns.add((t == Figures.NO_TODO ? "programs" : "todo" + t) + "_lost"));
        columns.addAll(List.of("passed", "failed", "pending", "not_run", "unscored_passed", "unscored_checks", "seconds", "reason",
                "graded", "late"));
        Csv csv = new Csv(columns);
        for (StudentResult r : results) {
            List<Rubric.Scored> scored = r.checks().stream().filter(Figures::scored).toList();
            List<Rubric.Scored> unscored = r.checks().stream().filter(s -> !Figures.scored(s)).toList();
            List<String> row = new ArrayList<>(List.of(r.student(), r.status().word(), points(r.score()), points(run.maxScore()),
                    String.format(Locale.ROOT, "%.1f", percent(r.score(), run.maxScore()))));
            Figures.perTodo(r, todos).values().forEach(p -> row.add(points(p.lost())));
            row.add(Long.toString(count(scored, Outcome.PASSED)));
            row.add(Long.toString(count(scored, Outcome.FAILED) + count(scored, Outcome.ERROR)));
            row.add(Long.toString(count(scored, Outcome.PENDING)));
            row.add(Long.toString(count(scored, Outcome.NOT_RUN) + count(scored, Outcome.SKIPPED)));
            row.add(Long.toString(count(unscored, Outcome.PASSED)));
            row.add(Integer.toString(unscored.size()));
            row.add(String.format(Locale.ROOT, "%.1f", r.seconds()));
            row.add(r.reason().lines().findFirst().orElse(""));
            row.add(r.graded());
            row.add(r.late());
            csv.row(row);
        }
        return csv.toString();
    }

    private static long count(List<Rubric.Scored> checks, Outcome status) {
        return checks.stream().filter(s -> s.check().status() == status).count();
    }

    /** How many students scored in each tenth of the points (index 10: all of them). */
    static int[] buckets(List<StudentResult> results, Run run) {
        int[] buckets = new int[11];
        for (StudentResult r : results) {
            buckets[(int) Math.min(10, Math.floor(percent(r.score(), run.maxScore()) / 10))]++;
        }
        return buckets;
    }

    static String summary(List<StudentResult> results, Run run) {
        StringBuilder md = new StringBuilder("# Exercise 11: cohort summary\n\n");
        List<Double> scores = results.stream().map(StudentResult::score).toList();
        md.append("Submissions: ").append(results.size()).append(". Mean score ").append(Figures.round(Figures.mean(scores)))
                .append(", median ").append(Figures.round(Figures.median(scores))).append(" of ").append(points(run.maxScore()))
                .append(". Kit ").append(run.kitVersion()).append(", JDK ").append(run.jdk()).append(", property seed ")
                .append(run.seed()).append(", shard ").append(run.shard()).append(", started ").append(run.started())
                .append(". The checks ran ").append(run.checksRan()).append(". The charts are in index.html.\n\n");
        md.append("Rubric ").append(run.rubricFacts()).append(". Checks sha256 ").append(run.checksSha256())
                .append(run.regraded().isEmpty() ? "" : ". Regraded: " + run.regraded()).append(".\n\n");
        md.append("## Score distribution\n\n| percent | students |\n| --- | ---: |\n");
        int[] buckets = buckets(results, run);
        for (int b = 10; b >= 0; b--) {
            md.append(b == 10 ? "| 100 " : "| " + b * 10 + "–" + (b * 10 + 9) + " ").append("| ").append(buckets[b]).append(" |\n");
        }
        md.append("\n## Per TODO\n\n").append(CHARGE_RULE).append("\n\n| TODO | worth | mean points lost | students it cost nothing |\n"
                + "| --- | ---: | ---: | ---: |\n");
        for (Figures.TodoFigure t : Figures.cohortTodos(results)) {
            md.append("| ").append(Figures.label(t.todo())).append(" | ").append(points(t.worth())).append(" | ")
                    .append(Figures.round(t.meanLost())).append(" | ").append(String.format(Locale.ROOT, "%.0f %%", 100 * t.shareDone()))
                    .append(" |\n");
        }
        md.append("\n## Checks that cost the most points\n\n| check | check of | points lost | students |\n| --- | --- | ---: | ---: |\n");
        List<Figures.CheckFigure> costliest = Figures.costliest(results);
        costliest.stream().limit(15).forEach(c -> md.append("| ").append(c.name().replace("|", "\\|")).append(" | ")
                .append(Figures.label(c.todo())).append(" | ").append(Figures.round(c.pointsLost())).append(" | ").append(c.students())
                .append(" |\n"));
        if (costliest.isEmpty()) {
            md.append("| (none) | | | |\n");
        }
        List<Figures.CheckFigure> unscored = Figures.unscoredNotPassed(results);
        md.append("\n## 0-point checks not passed\n\n");
        if (unscored.isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| check | students |\n| --- | ---: |\n");
            unscored.stream().limit(15).forEach(c -> md.append("| ").append(c.name().replace("|", "\\|")).append(" | ")
                    .append(c.students()).append(" |\n"));
        }
        long errors = results.stream().filter(r -> r.status() != Status.GRADED).count();
        md.append("\nNot graded normally: ").append(errors).append(" (see the gradebook's reason column).\n");
        Map<String, String> notGraded = notGraded(results, run);
        if (!notGraded.isEmpty()) {
            md.append("\n## Not graded\n\n| entry | why |\n| --- | --- |\n");
            notGraded.forEach((entry, why) -> md.append("| ").append(entry.replace("|", "\\|")).append(" | ")
                    .append(why.replace("|", "\\|")).append(" |\n"));
        }
        if (!run.deadline().isEmpty()) {
            md.append("\nDeadline: ").append(run.deadline()).append(" (git submissions graded at their last commit at or"
                    + " before it; ").append(results.stream().filter(r -> !r.late().isEmpty()).count())
                    .append(" with later commits).\n");
        }
        return md.toString();
    }

    /**
     * The entries of the folder that were not graded, each with why: the students not graded (a file that is not a
     * submission, no commit before the deadline, the run's time limit), the entries refused for their names, then the
     * litter ignored.
     */
    static Map<String, String> notGraded(List<StudentResult> results, Run run) {
        Map<String, String> entries = new LinkedHashMap<>();
        results.stream().filter(r -> r.status() == Status.NOT_GRADED)
                .forEach(r -> entries.put(r.student(), r.reason().lines().findFirst().orElse("")));
        entries.putAll(run.refused());
        run.ignored().forEach(name -> entries.put(name, "ignored: operating-system litter or a hidden entry, not a student"));
        return entries;
    }

    private static String mark(Outcome status) {
        return switch (status) {
            case PASSED -> "✅";
            case PENDING -> "⏳";
            case SKIPPED, NOT_RUN, NOT_ON_THIS_MACHINE -> "⏭️";
            case FAILED, ERROR -> "❌";
        };
    }

    /** Show points as a whole number when they are one, else with two decimals. */
    public static String points(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public static double percent(double score, double max) {
        return max == 0 ? 0 : 100.0 * score / max;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
