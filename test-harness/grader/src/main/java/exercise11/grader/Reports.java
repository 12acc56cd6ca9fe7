package exercise11.grader;

import exercise11.harness.Json;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Write a student's reports (Gradescope, GitHub Classroom, Markdown, raw) and the cohort's gradebook and summary. */
public final class Reports {

    /** Facts about the grading run that every report records, so a regrade can reproduce it. */
    public record Run(String kitVersion, String jdk, long seed, String shard, double maxScore, boolean showHidden) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("kit_version", kitVersion);
            map.put("jdk", jdk);
            map.put("property_seed", Long.toString(seed));
            map.put("shard", shard);
            return map;
        }
    }

    private Reports() {
    }

    /** Write every per-student report into {@code folder}. */
    public static void writeStudent(StudentResult result, Run run, Path folder) throws IOException {
        Files.createDirectories(folder);
        write(folder.resolve("results.json"), Json.write(gradescope(result, run)));
        write(folder.resolve("autograding.json"), Json.write(classroom(result, run)));
        write(folder.resolve("autograding.b64"), Base64.getEncoder().encodeToString(
                Json.write(classroom(result, run)).getBytes(StandardCharsets.UTF_8)) + "\n");
        write(folder.resolve("feedback.md"), feedback(result, run));
        write(folder.resolve("checks.tsv"), raw(result));
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
        for (Rubric.Scored s : result.checks()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", s.check().name());
            test.put("score", s.earned());
            test.put("max_score", s.max());
            test.put("status", s.check().status() == Outcome.PASSED ? "passed" : "failed");
            test.put("output", s.check().status().word() + (s.check().message().isEmpty() ? "" : ": " + s.check().message()));
            test.put("tags", s.check().todos().stream().map(n -> "TODO " + n).toList());
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
        json.put("extra_data", run.asMap());
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
            test.put("message", s.hidden() && !run.showHidden() ? "" : s.check().message());
            test.put("line_no", 0);
            test.put("execution_time", String.format(Locale.ROOT, "%.3fs", s.check().millis() / 1000.0));
            test.put("score", s.earned());
            tests.add(test);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("status", result.status().equals("error") ? "error" : result.score() >= run.maxScore() - 1e-9 ? "pass" : "fail");
        json.put("max_score", run.maxScore());
        json.put("tests", tests);
        return json;
    }

    /** The Markdown feedback a student reads: score, then each check, grouped by TODO, with the reason. */
    static String feedback(StudentResult result, Run run) {
        StringBuilder md = new StringBuilder();
        md.append("# Exercise 11 feedback: ").append(result.student()).append("\n\n");
        md.append(String.format(Locale.ROOT, "**Score: %s / %s** (%.0f %%)%n%n", points(result.score()), points(run.maxScore()),
                percent(result.score(), run.maxScore())));
        md.append("Status: ").append(result.status()).append(" — ").append(result.reason().lines().findFirst().orElse("")).append("\n\n");
        result.reason().lines().filter(l -> l.startsWith("not taken from your submission: ")).findFirst()
                .ifPresent(l -> md.append("Not graded, ").append(l.substring("not ".length())).append("\n\n"));
        if (result.reason().lines().count() > 1) {
            md.append("```\n").append(result.reason()).append("\n```\n\n");
        }
        Map<String, List<Rubric.Scored>> byTodo = new TreeMap<>(Comparator.comparingInt(Reports::todoOrder));
        for (Rubric.Scored s : result.checks()) {
            String group = s.check().todos().isEmpty() ? "Given code and whole programs"
                    : "TODO " + s.check().todos().get(s.check().todos().size() - 1);
            byTodo.computeIfAbsent(group, k -> new ArrayList<>()).add(s);
        }
        byTodo.forEach((group, checks) -> {
            md.append("## ").append(group).append("\n\n");
            for (Rubric.Scored s : checks) {
                boolean hide = s.hidden() && !run.showHidden();
                md.append("- ").append(mark(s.check().status())).append(' ')
                        .append(hide ? "hidden check" : s.check().name())
                        .append(" — ").append(s.check().status().word())
                        .append(" (").append(points(s.earned())).append('/').append(points(s.max())).append(")\n");
                if (!hide && !s.check().message().isEmpty() && s.check().status() != Outcome.PASSED) {
                    s.check().message().lines().limit(12).forEach(l -> md.append("  > ").append(l).append('\n'));
                }
            }
            md.append('\n');
        });
        md.append("---\nKit ").append(run.kitVersion()).append(", JDK ").append(run.jdk())
                .append(", property seed ").append(run.seed()).append(".\n");
        return md.toString();
    }

    /** The grader's own record of a student, read back by {@code --merge}. */
    static String raw(StudentResult result) {
        StringBuilder out = new StringBuilder();
        out.append("STUDENT\t").append(CheckResult.escape(result.student())).append('\t').append(result.status()).append('\t')
                .append(CheckResult.escape(result.reason())).append('\t').append(result.seconds()).append('\n');
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
        return new StudentResult(CheckResult.unescape(head[1]), head[2], CheckResult.unescape(head[3]), checks,
                Double.parseDouble(head[4]));
    }

    /** Write the cohort's gradebook (CSV) and summary (Markdown). */
    public static void writeCohort(List<StudentResult> results, Run run, Path out) throws IOException {
        StringBuilder csv = new StringBuilder("student,status,score,max_score,percent,passed,failed,pending,not_run,seconds,reason\n");
        for (StudentResult r : results) {
            csv.append(String.join(",", csvField(r.student()), r.status(), points(r.score()), points(run.maxScore()),
                    String.format(Locale.ROOT, "%.1f", percent(r.score(), run.maxScore())),
                    Long.toString(r.count(Outcome.PASSED)), Long.toString(r.count(Outcome.FAILED) + r.count(Outcome.ERROR)),
                    Long.toString(r.count(Outcome.PENDING)), Long.toString(r.count(Outcome.NOT_RUN) + r.count(Outcome.SKIPPED)),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), csvField(r.reason().lines().findFirst().orElse(""))))
                    .append('\n');
        }
        write(out.resolve("gradebook.csv"), csv.toString());
        write(out.resolve("summary.md"), summary(results, run));
    }

    static String summary(List<StudentResult> results, Run run) {
        StringBuilder md = new StringBuilder("# Exercise 11: cohort summary\n\n");
        md.append("Submissions: ").append(results.size()).append(". Kit ").append(run.kitVersion()).append(", JDK ")
                .append(run.jdk()).append(", property seed ").append(run.seed()).append(", shard ").append(run.shard()).append(".\n\n");
        md.append("## Score distribution\n\n| percent | students |\n| --- | --- |\n");
        int[] buckets = new int[11];
        for (StudentResult r : results) {
            buckets[(int) Math.min(10, Math.floor(percent(r.score(), run.maxScore()) / 10))]++;
        }
        for (int b = 10; b >= 0; b--) {
            md.append(b == 10 ? "| 100 " : "| " + b * 10 + "–" + (b * 10 + 9) + " ").append("| ")
                    .append("#".repeat(buckets[b])).append(' ').append(buckets[b]).append(" |\n");
        }
        Map<String, Integer> failed = new TreeMap<>();
        for (StudentResult r : results) {
            for (Rubric.Scored s : r.checks()) {
                if (s.check().status() != Outcome.PASSED) {
                    failed.merge(s.check().name(), 1, Integer::sum);
                }
            }
        }
        md.append("\n## Checks most often not passed\n\n| check | students |\n| --- | --- |\n");
        failed.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> md.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(e.getValue()).append(" |\n"));
        long errors = results.stream().filter(r -> !r.status().equals("graded")).count();
        md.append("\nNot graded normally: ").append(errors).append(" (see the gradebook's reason column).\n");
        return md.toString();
    }

    private static String mark(Outcome status) {
        return switch (status) {
            case PASSED -> "✅";
            case PENDING -> "⏳";
            case SKIPPED, NOT_RUN -> "⏭️";
            case FAILED, ERROR -> "❌";
        };
    }

    private static int todoOrder(String group) {
        return group.startsWith("TODO ") ? Integer.parseInt(group.substring(5)) : 100;
    }

    /** Show points as a whole number when they are one, else with two decimals. */
    public static String points(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static double percent(double score, double max) {
        return max == 0 ? 0 : 100.0 * score / max;
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
