package exercise11.harness;

import exercise11.harness.platform.Finding;
import exercise11.harness.platform.OnThisMachine;
import exercise11.harness.platform.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub Classroom's result for a run of the visible checks, in the format of
 * {@code classroom-resources/autograding-command-grader}: {@code {"version":1,"status":"pass|fail","max_score":N,
 * "tests":[...]}}, one test per check that carries points, scored from {@value #POINTS} (the rubric's visible lines,
 * compiled to points per check; the kit's self-check keeps that file true to {@code rubric.txt}).
 *
 * <p>{@link ProgressSummary} writes it at the end of a run when {@value #PROPERTY} names a file, as the Classroom
 * workflow's step does. That step grades ({@code -Dexercise11.grading=true}): on a runner whose loopback lacks what some
 * checks rest on ({@link Probe}), the result is an error for the whole run, with the reason, instead of a score.
 */
public final class ClassroomResult {

    /** System property naming the file to write. */
    public static final String PROPERTY = "exercise11.classroomResult";
    /** Classpath resource with one {@code <check key> <points>} line per visible check that carries points. */
    public static final String POINTS = "exercise11/points.txt";

    private ClassroomResult() {
    }

    /** The points of each visible check, in the file's order, from {@code lines} ({@code #} starts a comment). */
    public static Map<String, Double> parsePoints(List<String> lines) {
        Map<String, Double> points = new LinkedHashMap<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] words = text.split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException(POINTS + ": expected '<check> <points>', got: " + line);
            }
            points.put(words[0], Double.parseDouble(words[1]));
        }
        return points;
    }

    /** The result for {@code results} (every invocation of every check that ran) against {@code points}. */
    static Map<String, Object> of(List<ProgressSummary.Result> results, Map<String, Double> points) {
        List<Object> tests = new ArrayList<>();
        double earned = 0;
        double max = 0;
        for (Map.Entry<String, Double> check : points.entrySet()) {
            List<ProgressSummary.Result> runs = results.stream().filter(r -> r.key().equals(check.getKey())).toList();
            boolean passed = !runs.isEmpty() && runs.stream().allMatch(r -> r.status() == Outcome.PASSED);
            String message = runs.isEmpty() ? "did not run"
                    : runs.stream().filter(r -> r.status() != Outcome.PASSED).findFirst()
                            .map(r -> r.status().word() + ": " + r.reason()).orElse("");
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", runs.isEmpty() ? check.getKey() : runs.get(0).name().replaceFirst(" > \\[\\d+\\].*$", ""));
            test.put("status", passed ? "pass" : "fail");
            test.put("score", passed ? check.getValue() : 0.0);
            test.put("max_score", check.getValue());
            test.put("message", message);
            test.put("line_no", 0);
            tests.add(test);
            earned += passed ? check.getValue() : 0;
            max += check.getValue();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("status", earned >= max - 1e-9 ? "pass" : "fail");
        json.put("max_score", max);
        json.put("tests", tests);
        return json;
    }

    /** The result of a run on a machine that cannot grade: status {@code error}, one test that says why. */
    static Map<String, Object> cannotGrade(List<String> why, Map<String, Double> points) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", "grading machine");
        test.put("status", "error");
        test.put("score", 0.0);
        test.put("max_score", 0.0);
        test.put("message", String.join("\n", why));
        test.put("line_no", 0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("status", "error");
        json.put("max_score", points.values().stream().mapToDouble(Double::doubleValue).sum());
        json.put("tests", List.of(test));
        return json;
    }

    /** Write the result of {@code results} to {@code file}, with the points from the classpath. */
    static void write(List<ProgressSummary.Result> results, Path file) {
        try (InputStream in = ClassroomResult.class.getClassLoader().getResourceAsStream(POINTS)) {
            if (in == null) {
                throw new IllegalStateException(POINTS + " is not on the classpath");
            }
            Map<String, Double> points = parsePoints(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            // Classroom grades: a machine without what the checks rest on gives an error for the run, never a score.
            List<String> unfit = OnThisMachine.grading()
                    ? Probe.all().stream().filter(f -> !f.holds()).map(Finding::cannotGrade).toList() : List.of();
            Files.writeString(file, Json.write(unfit.isEmpty() ? of(results, points) : cannotGrade(unfit, points)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
