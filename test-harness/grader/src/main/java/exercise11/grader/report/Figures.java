package exercise11.grader.report;

import exercise11.grader.score.Rubric;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Blame;
import exercise11.harness.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures every report shows, worked out once: a student's points per TODO, and the cohort's per-TODO figures and
 * the checks that cost it the most points.
 *
 * <p>Every point a check loses is <em>charged</em> to one TODO, the one whose code is at fault ({@link Blame}): a check
 * that failed only because the timestamp is wrong is charged to TODO 1, not to the TODO of the whole client it runs. A
 * TODO is <em>worth</em> the points of the checks whose home it is (the latest TODO they need), the same for every
 * student; what it <em>cost</em> a student is what was charged to it, which may be more than it is worth. Checks worth
 * 0 points (the given code's, the lesson's demonstrations) are kept apart: they neither earn nor show points.
 */
public final class Figures {

    /** The pseudo-TODO of scored checks that need no TODO. */
    public static final int NO_TODO = Blame.NO_TODO;

    private Figures() {
    }

    /** Whether the check is worth points. */
    public static boolean scored(Rubric.Scored check) {
        return check.max() > 0;
    }

    /** The TODO a check is worth points under: the latest TODO it needs, or {@link #NO_TODO}. */
    public static int home(Rubric.Scored check) {
        return check.check().todos().stream().mapToInt(Integer::intValue).max().orElse(NO_TODO);
    }

    /** The charge of each of a student's checks: the TODO at fault, and the other check that put it there, if one did. */
    public static Map<Rubric.Scored, Blame.Charge> charges(StudentResult result) {
        List<Blame.Charge> charges = Blame.charges(result.checks().stream().map(s -> s.check().forBlame()).toList());
        Map<Rubric.Scored, Blame.Charge> byCheck = new IdentityHashMap<>();
        for (int i = 0; i < charges.size(); i++) {
            byCheck.put(result.checks().get(i), charges.get(i));
        }
        return byCheck;
    }

    /** A TODO for one student: what it is worth (its checks' points) and what it cost (the points charged to it). */
    public record Points(double worth, double lost) {

        /** Whether it cost nothing. */
        public boolean done() {
            return lost < 1e-9;
        }
    }

    /** A student's points per TODO, in TODO order ({@link #NO_TODO} last). */
    public static Map<Integer, Points> perTodo(StudentResult result, SortedSet<Integer> todos) {
        Map<Rubric.Scored, Blame.Charge> charges = charges(result);
        Map<Integer, Points> points = new LinkedHashMap<>();
        for (int todo : todos) {
            double worth = 0;
            double lost = 0;
            for (Rubric.Scored s : result.checks()) {
                if (!scored(s)) {
                    continue;
                }
                worth += home(s) == todo ? s.max() : 0;
                lost += charges.get(s).todo() == todo ? s.max() - s.earned() : 0;
            }
            points.put(todo, new Points(worth, lost));
        }
        return points;
    }

    /** Every TODO any scored check of the cohort is worth points under or is charged to, {@link #NO_TODO} last. */
    public static SortedSet<Integer> todos(List<StudentResult> results) {
        SortedSet<Integer> todos = new TreeSet<>(Comparator.comparingInt(t -> t == NO_TODO ? Integer.MAX_VALUE : t));
        for (StudentResult r : results) {
            Map<Rubric.Scored, Blame.Charge> charges = charges(r);
            for (Rubric.Scored s : r.checks()) {
                if (scored(s)) {
                    todos.add(home(s));
                    if (s.earned() < s.max() - 1e-9) {
                        todos.add(charges.get(s).todo());
                    }
                }
            }
        }
        return todos;
    }

    /** Whether nothing is started: there are scored checks, and every one of them reached a TODO stub. */
    public static boolean nothingStarted(StudentResult result) {
        List<Rubric.Scored> scored = result.checks().stream().filter(Figures::scored).toList();
        return !scored.isEmpty() && scored.stream().allMatch(s -> s.check().status() == Outcome.PENDING);
    }

    /** Each TODO's stub text ({@code TODO 1: return the time as ...}), once, in TODO order: what is left to do. */
    public static List<String> stubs(StudentResult result) {
        Map<Integer, String> stubs = new TreeMap<>();
        for (Rubric.Scored s : result.checks()) {
            int todo = exercise11.harness.Todo.number(s.check().message());
            if (s.check().status() == Outcome.PENDING && todo > 0) {
                stubs.putIfAbsent(todo, s.check().message().lines().findFirst().orElse("").strip());
            }
        }
        return List.copyOf(stubs.values());
    }

    /** How a TODO is named in a report. */
    public static String label(int todo) {
        return todo == NO_TODO ? "whole programs" : "TODO " + todo;
    }

    /**
     * The cohort's figures for one TODO: what it is worth, the mean points charged to it, and the share of students it
     * cost nothing (whose code of it is right, as far as the checks tell).
     */
    public record TodoFigure(int todo, double worth, double meanLost, double shareDone) {
    }

    /** The cohort's figures per TODO, over the students whose checks ran. */
    public static List<TodoFigure> cohortTodos(List<StudentResult> results) {
        SortedSet<Integer> todos = todos(results);
        List<StudentResult> counted = withChecks(results);
        List<TodoFigure> figures = new ArrayList<>();
        List<Map<Integer, Points>> points = counted.stream().map(r -> perTodo(r, todos)).toList();
        for (int todo : todos) {
            double lost = 0;
            double worth = 0;
            int done = 0;
            for (Map<Integer, Points> student : points) {
                Points p = student.get(todo);
                lost += p.lost();
                worth = Math.max(worth, p.worth());
                done += p.done() ? 1 : 0;
            }
            int n = Math.max(1, counted.size());
            figures.add(new TodoFigure(todo, worth, lost / n, (double) done / n));
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

    /**
     * The scored checks grouped by the TODO each is charged to (a passed check: its home), in TODO order ("whole
     * programs" last), so a student reads each failure under the TODO to fix.
     */
    public static Map<Integer, List<Rubric.Scored>> byChargedTodo(StudentResult result) {
        Map<Rubric.Scored, Blame.Charge> charges = charges(result);
        Map<Integer, List<Rubric.Scored>> sections = new TreeMap<>(Comparator.comparingInt(t -> t == NO_TODO ? Integer.MAX_VALUE : t));
        for (Rubric.Scored s : result.checks()) {
            if (scored(s)) {
                sections.computeIfAbsent(charges.get(s).todo(), k -> new ArrayList<>()).add(s);
            }
        }
        return sections;
    }

    /**
     * Why a check that lost points is charged where it is, when another check put it there: {@code "charged to TODO 7,
     * since UdpServerTests.Decode#x fails"}; empty otherwise.
     */
    public static String chargeNote(Blame.Charge charge, Rubric.Scored check) {
        if (check.check().status() == Outcome.PASSED || charge.cause().isEmpty()) {
            return "";
        }
        return "charged to " + label(charge.todo()) + ": " + charge.cause().get() + " fails, and this check needs it";
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
