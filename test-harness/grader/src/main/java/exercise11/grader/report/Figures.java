package exercise11.grader.report;

import exercise11.grader.score.Rubric;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import exercise11.harness.Todo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures every report shows, worked out once: a student's points per TODO, and the cohort's per-TODO means,
 * shares done and the checks that cost it the most points.
 *
 * <p>A check's points count under its <em>home</em> TODO, the latest TODO it needs, so that each TODO has the same
 * maximum for every student. Its message is shown under the TODO the message names (when the check needs that TODO),
 * as the student's build summary does. Checks worth 0 points (the given code's, the lesson's demonstrations) are
 * kept apart: they neither earn nor show points.
 */
public final class Figures {

    /** The pseudo-TODO of scored checks that need no TODO. */
    public static final int NO_TODO = 0;

    private Figures() {
    }

    /** Whether the check is worth points. */
    public static boolean scored(Rubric.Scored check) {
        return check.max() > 0;
    }

    /** The TODO a check's points count under: the latest TODO it needs, or {@link #NO_TODO}. */
    public static int home(Rubric.Scored check) {
        return check.check().todos().stream().mapToInt(Integer::intValue).max().orElse(NO_TODO);
    }

    /** The TODO a check is shown under: the one its message names if it needs that TODO (or is pending), else its home. */
    public static int shownUnder(Rubric.Scored check) {
        int named = Todo.number(check.check().message());
        if (named > 0 && (check.check().status() == Outcome.PENDING || check.check().todos().contains(named))) {
            return named;
        }
        return home(check);
    }

    /** Points earned and worth, per home TODO, over the scored checks. */
    public record Points(double earned, double max) {

        /** Whether every point of it was earned. */
        public boolean done() {
            return max > 0 && earned >= max - 1e-9;
        }
    }

    /** A student's points per TODO, in TODO order ({@link #NO_TODO} last). */
    public static Map<Integer, Points> perTodo(StudentResult result, SortedSet<Integer> todos) {
        Map<Integer, Points> points = new LinkedHashMap<>();
        for (int todo : todos) {
            double earned = 0;
            double max = 0;
            for (Rubric.Scored s : result.checks()) {
                if (scored(s) && home(s) == todo) {
                    earned += s.earned();
                    max += s.max();
                }
            }
            points.put(todo, new Points(earned, max));
        }
        return points;
    }

    /** Every TODO any scored check of the cohort counts under, in order, with {@link #NO_TODO} last if present. */
    public static SortedSet<Integer> todos(List<StudentResult> results) {
        SortedSet<Integer> todos = new TreeSet<>(Comparator.comparingInt(t -> t == NO_TODO ? Integer.MAX_VALUE : t));
        for (StudentResult r : results) {
            for (Rubric.Scored s : r.checks()) {
                if (scored(s)) {
                    todos.add(home(s));
                }
            }
        }
        return todos;
    }

    /** How a TODO is named in a report. */
    public static String label(int todo) {
        return todo == NO_TODO ? "whole programs" : "TODO " + todo;
    }

    /** The cohort's figures for one TODO: mean points, its maximum, and the share of students who earned them all. */
    public record TodoFigure(int todo, double meanPoints, double maxPoints, double shareDone) {
    }

    /** The cohort's figures per TODO, over the students whose checks ran. */
    public static List<TodoFigure> cohortTodos(List<StudentResult> results) {
        SortedSet<Integer> todos = todos(results);
        List<StudentResult> counted = withChecks(results);
        List<TodoFigure> figures = new ArrayList<>();
        List<Map<Integer, Points>> points = counted.stream().map(r -> perTodo(r, todos)).toList();
        for (int todo : todos) {
            double sum = 0;
            double max = 0;
            int done = 0;
            for (Map<Integer, Points> student : points) {
                Points p = student.get(todo);
                sum += p.earned();
                max = Math.max(max, p.max());
                done += p.done() ? 1 : 0;
            }
            int n = Math.max(1, counted.size());
            figures.add(new TodoFigure(todo, sum / n, max, (double) done / n));
        }
        return figures;
    }

    /** A check as the cohort did on it: points lost in all, and how many students lost them or did not pass it. */
    public record CheckFigure(String name, int todo, double pointsLost, double maxPoints, int students) {
    }

    /** The scored checks that cost the cohort points: most points lost first, then most students, then by name. */
    public static List<CheckFigure> costliest(List<StudentResult> results) {
        return tally(results, s -> scored(s) && s.earned() < s.max() - 1e-9);
    }

    /** The 0-point checks some student did not pass, most students first. */
    public static List<CheckFigure> unscoredNotPassed(List<StudentResult> results) {
        return tally(results, s -> !scored(s) && s.check().status() != Outcome.PASSED);
    }

    private static List<CheckFigure> tally(List<StudentResult> results, java.util.function.Predicate<Rubric.Scored> counts) {
        Map<String, CheckFigure> byKey = new TreeMap<>();
        for (StudentResult r : results) {
            for (Rubric.Scored s : r.checks()) {
                if (counts.test(s)) {
                    byKey.merge(s.check().key(), new CheckFigure(s.check().name(), home(s), s.max() - s.earned(), s.max(), 1),
                            (a, b) -> new CheckFigure(a.name(), a.todo(), a.pointsLost() + b.pointsLost(), a.maxPoints(), a.students() + 1));
                }
            }
        }
        return byKey.values().stream().sorted(Comparator.comparingDouble(CheckFigure::pointsLost).reversed()
                .thenComparing(Comparator.comparingInt(CheckFigure::students).reversed()).thenComparing(CheckFigure::name)).toList();
    }

    /** The scored checks grouped by the TODO each is shown under, in TODO order ("whole programs" last). */
    public static Map<Integer, List<Rubric.Scored>> byShownTodo(StudentResult result) {
        Map<Integer, List<Rubric.Scored>> sections = new TreeMap<>(Comparator.comparingInt(t -> t == NO_TODO ? Integer.MAX_VALUE : t));
        for (Rubric.Scored s : result.checks()) {
            if (scored(s)) {
                sections.computeIfAbsent(shownUnder(s), k -> new ArrayList<>()).add(s);
            }
        }
        return sections;
    }

    /** A figure as reports show it: whole when it is, else with one decimal. */
    public static String round(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /** The students whose checks ran (status {@code graded}, or {@code error} with checks scored). */
    public static List<StudentResult> withChecks(List<StudentResult> results) {
        return results.stream().filter(r -> !r.checks().isEmpty()).toList();
    }

    /** The mean of the scores, 0 for none. */
    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The median of the scores, 0 for none. */
    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * A check's message with the stack frames that are not the student's own code taken out: a line {@code at ...}
     * stays only if it is in package {@code exercise11} and outside the kit's checks, support and grader.
     */
    public static String studentFrames(String message) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n", -1)) {
            String trimmed = line.strip();
            boolean frame = trimmed.startsWith("at ") || trimmed.startsWith("... ") && trimmed.endsWith(" more");
            boolean students = trimmed.matches("at exercise11\\.[A-Z][\\w$]*\\..*");
            if (frame && !students) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
