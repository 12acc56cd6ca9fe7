package exercise11.harness;

import exercise11.harness.platform.Behaviour;
import exercise11.harness.platform.Finding;
import exercise11.harness.platform.OnThisMachine;
import exercise11.harness.platform.Probe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Print, after every run of the checks, what passed, failed and is pending, by TODO. */
public final class ProgressSummary implements TestExecutionListener {

    /** Tag prefix by which a check names a TODO it depends on, as in {@code @Tag("todo-3")}. */
    public static final String TODO_TAG = "todo-";
    /** Package of the exercise's checks; tests elsewhere are left out of the summary. */
    public static final String CHECKS_PACKAGE = "exercise11.checks.";

    /**
     * One finished check: its readable name, the TODOs it names, its outcome and the reason (for a pending one, its
     * stub), its key in the rubric's terms ({@code UdpServerTests.Receive#receivesAnEmptyDatagram}), and whether an
     * exception of the code under test ended it rather than a check's own assertion ({@code escaped}: a timeout, say,
     * which tells less of the mistake than a check that found it).
     */
    public record Result(String name, List<Integer> todos, Outcome status, String reason, String key, boolean escaped) {

        /** A result without a key, as the summary alone needs. */
        public Result(String name, List<Integer> todos, Outcome status, String reason) {
            this(name, todos, status, reason, "", false);
        }

        /** A result that a check's own assertion (or no failure) ended. */
        public Result(String name, List<Integer> todos, Outcome status, String reason, String key) {
            this(name, todos, status, reason, key, false);
        }
    }

    private final ConcurrentLinkedQueue<Result> outcomes = new ConcurrentLinkedQueue<>();
    private final Consumer<List<String>> printer;
    private TestPlan plan;

    /** The listener the service loader registers: it prints the summary on standard output. */
    public ProgressSummary() {
        // System.out's own charset: Maven's surefire decodes what a test JVM prints with that JVM's default charset,
        // which is Latin-1 for the checks (and windows-1252 on Windows), so UTF-8 bytes would print as mojibake.
        this(lines -> {
            lines.forEach(System.out::println);
            System.out.flush();
        });
    }

    /** A listener that hands the summary's lines to {@code printer}. */
    ProgressSummary(Consumer<List<String>> printer) {
        this.printer = printer;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        outcomes.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (isCheck(id)) {
            outcomes.add(new Result(nameOf(id), todosOf(id), Outcome.SKIPPED, String.valueOf(reason), keyOf(id)));
        } else if (plan != null) {
            // a whole class skipped (such as the cross-host checks without Docker): each of its checks did not run
            plan.getDescendants(id).stream().filter(ProgressSummary::isCheck)
                    .forEach(check -> outcomes.add(new Result(nameOf(check), todosOf(check), Outcome.SKIPPED, reason, keyOf(check))));
        }
    }

    /** Return the outcomes recorded in the current or last run. */
    List<Result> outcomes() {
        return List.copyOf(outcomes);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!isCheck(id)) {
            return;
        }
        String reason = result.getThrowable().map(Outcome::reasonOf).orElse("");
        boolean escaped = result.getThrowable()
                .map(thrown -> thrown instanceof NamedFailures.Escaped || !(thrown instanceof AssertionError)).orElse(false);
        outcomes.add(new Result(nameOf(id), todosOf(id), Outcome.of(result), reason, keyOf(id), escaped));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!outcomes.isEmpty()) {
            List<String> cannotGrade = OnThisMachine.grading()
                    ? Probe.absentSoFar().stream().map(Finding::cannotGrade).toList() : List.of();
            printer.accept(render(List.copyOf(outcomes), TodoSites.sources(), cannotGrade));
        }
        String classroom = System.getProperty(ClassroomResult.PROPERTY, "");
        if (!classroom.isBlank()) {
            ClassroomResult.write(List.copyOf(outcomes), java.nio.file.Path.of(classroom));
        }
    }

    /** Render the summary of {@code results} as the lines a student reads at the end of a build. */
    public static List<String> render(List<Result> results) {
        return render(results, TodoSites.sources(), List.of());
    }

    /**
     * Render the summary of {@code results}, naming the files to edit under {@code sources}
     * ({@code src/main/java}); {@code cannotGrade} holds a line for each behaviour a grading run found this machine
     * without (none on a student's run, or on a machine fit to grade).
     */
    static List<String> render(List<Result> results, String sources, List<String> cannotGrade) {
        List<Result> failures = results.stream().filter(ProgressSummary::failed).toList();
        Map<Integer, int[]> counts = new TreeMap<>(); // passed, failed, pending, skipped, not on this machine
        Map<Integer, String> pendingReason = new TreeMap<>();
        Map<Integer, String> firstFailure = new TreeMap<>();
        int[] total = new int[Outcome.values().length];
        Map<Integer, Result> clearestFailure = new TreeMap<>();
        Map<Result, Integer> blamed = blamed(results);
        for (Result outcome : results) {
            total[outcome.status().ordinal()]++;
            int todo = blamed.get(outcome);
            if (outcome.status() == Outcome.PENDING) {
                pendingReason.putIfAbsent(todo, outcome.reason());
            }
            int[] c = counts.computeIfAbsent(todo, k -> new int[5]);
            switch (outcome.status()) {
                case PASSED -> c[0]++;
                case FAILED, ERROR -> {
                    c[1]++;
                    clearestFailure.merge(todo, outcome, (a, b) -> firstShown(failures).compare(b, a) < 0 ? b : a);
                }
                case PENDING -> c[2]++;
                case SKIPPED -> c[3]++;
                case NOT_ON_THIS_MACHINE -> c[4]++;
                case NOT_RUN -> { }
                default -> throw new IllegalStateException("unknown outcome " + outcome.status());
            }
        }
        clearestFailure.forEach((todo, outcome) -> firstFailure.put(todo, outcome.name() + ": " + firstLine(outcome.reason())));
        List<String> lines = new ArrayList<>();
        String rule = "-".repeat(72);
        lines.add(rule);
        cannotGrade.forEach(line -> lines.add("ERROR: " + line));
        int passed = total[Outcome.PASSED.ordinal()];
        int failed = total[Outcome.FAILED.ordinal()] + total[Outcome.ERROR.ordinal()];
        int pending = total[Outcome.PENDING.ordinal()];
        int skipped = total[Outcome.SKIPPED.ordinal()];
        int notRun = total[Outcome.NOT_RUN.ordinal()];
        int notHere = total[Outcome.NOT_ON_THIS_MACHINE.ordinal()];
        lines.add(String.format("Exercise 11 checks: %d passed, %d failed, %d pending%s%s%s", passed, failed, pending,
                skipped > 0 ? ", " + skipped + " skipped" : "", notHere > 0 ? ", " + notHere + " not on this machine" : "",
                notRun > 0 ? ", " + notRun + " not run until the checks they need pass" : ""));
        for (Map.Entry<Integer, int[]> entry : counts.entrySet()) {
            int todo = entry.getKey();
            int[] c = entry.getValue();
            String label = todo == 0 ? "given code" : "TODO " + todo;
            String state = c[1] > 0 ? "FAILING" : c[2] > 0 && c[0] == 0 ? "not started" : c[2] > 0 ? "partly done"
                    : c[3] > 0 && c[0] == 0 ? "NOT RUN" : c[3] > 0 ? "partly run" : c[4] > 0 && c[0] == 0 ? "not here"
                    : "done";
            lines.add(String.format("  %-10s %-12s %d passed, %d failed, %d pending%s%s", label, state, c[0], c[1], c[2],
                    c[3] > 0 ? ", " + c[3] + " skipped" : "", c[4] > 0 ? ", " + c[4] + " not on this machine" : ""));
            Optional.ofNullable(firstFailure.get(todo)).ifPresent(f -> lines.add("      first failure: " + f));
            if (c[1] == 0 && c[2] > 0) {
                lines.add("      to do: " + Optional.ofNullable(pendingReason.get(todo))
                        .orElse("(its checks reach another TODO first)"));
            }
        }
        if (skipped > 0) {
            lines.add(String.format("  %-10s %d check%s did not run, so %s not passed", "skipped", skipped,
                    skipped == 1 ? "" : "s", skipped == 1 ? "it is" : "they are"));
            results.stream().filter(o -> o.status() == Outcome.SKIPPED).map(o -> o.reason().lines().findFirst().orElse(""))
                    .distinct().limit(3).forEach(reason -> lines.add("      why: " + reason));
        }
        if (notHere > 0) {
            lines.add(String.format("  %-10s %d check%s rest%s on what this machine's loopback does otherwise: not failed,"
                    + " not counted here (%s)", "not here", notHere, notHere == 1 ? "" : "s", notHere == 1 ? "s" : "",
                    Behaviour.GUIDE));
            results.stream().filter(o -> o.status() == Outcome.NOT_ON_THIS_MACHINE)
                    .map(o -> o.reason().lines().findFirst().orElse("").replaceFirst("^not on this machine: ", "")
                            .replaceFirst(" \\(see [^)]*\\)$", ""))
                    .distinct().forEach(reason -> lines.add("      " + reason));
        }
        if (!cannotGrade.isEmpty()) {
            lines.add("Next: nothing in the code to fix: this machine cannot grade these checks (see ERROR above).");
        } else {
            nextStep(counts, failures, sources, blamed).ifPresent(lines::add);
        }
        if (failed == 0 && pending == 0 && notRun == 0) {
            lines.add(finished(counts.keySet(), skipped, notHere));
        }
        lines.add(rule);
        return lines;
    }

    /**
     * The one TODO each check's outcome counts under: the TODO at fault ({@link Blame}): for a pending check the TODO
     * whose stub it reached, for a failed one the TODO its message names or, when it needs several TODOs and one of
     * them fails its own checks, that one; otherwise the latest TODO the check needs (a check of TODO 1 that runs the
     * whole client counts under TODO 4, so TODO 1 is done as soon as its own checks pass); 0 for the given code.
     */
    static Map<Result, Integer> blamed(List<Result> results) {
        List<Blame.Charge> charges = Blame.charges(results.stream()
                .map(r -> new Blame.Check(r.key().isEmpty() ? r.name() : r.key(), r.todos(), r.status(), r.reason())).toList());
        Map<Result, Integer> blamed = new java.util.IdentityHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            blamed.put(results.get(i), charges.get(i).todo());
        }
        return blamed;
    }

    private static boolean failed(Result outcome) {
        return outcome.status() == Outcome.FAILED || outcome.status() == Outcome.ERROR;
    }

    /**
     * The order in which failures are worth reading: one that explains the mistake before one that is only its
     * consequence, then the clearest.
     */
    private static Comparator<Result> firstShown(List<Result> failures) {
        return Comparator.comparingInt((Result o) -> consequence(o, failures) ? 1 : 0).thenComparingInt(ProgressSummary::clarity);
    }

    /** Whether {@code outcome}'s message names one of the TODOs its check depends on, as {@code TODO n: ...}. */
    private static boolean namesItsTodo(Result outcome) {
        return outcome.todos().contains(Todo.number(outcome.reason()));
    }

    /**
     * Whether a failure is only a consequence of a mistake that another failure explains: it names no TODO of its
     * own, or an exception of the code under test ended it (a receive that timed out), while another failing check,
     * ended by its own assertion, names a TODO this one depends on too.
     */
    private static boolean consequence(Result outcome, List<Result> failures) {
        if (!outcome.escaped() && namesItsTodo(outcome)) {
            return false;
        }
        return failures.stream().anyMatch(other -> other != outcome && !other.escaped() && namesItsTodo(other)
                && outcome.todos().contains(Todo.number(other.reason())));
    }

    /**
     * How hard a failure's message is to read, lowest first: one that names its TODO before one that does not, a
     * check's own finding before an exception of the code under test, an example-based check's message before a
     * property check's (which starts with QuickTheories' own words), a short one before a long one.
     */
    private static int clarity(Result outcome) {
        int penalty = (namesItsTodo(outcome) ? 0 : 400_000) + (outcome.escaped() ? 200_000 : 0)
                + (outcome.reason().startsWith("Property falsified") ? 100_000 : 0);
        return penalty + Math.min(outcome.reason().length(), 99_999);
    }

    private static Optional<String> nextStep(Map<Integer, int[]> counts, List<Result> failures, String sources,
                                             Map<Result, Integer> blamed) {
        // A failure that explains the mistake before its consequences; then the failing check that needs the fewest
        // TODOs, which points most precisely at the mistake; then the earliest TODO, then the clearest message.
        Optional<Result> sharpest = failures.stream().filter(o -> o.status() == Outcome.FAILED)
                .min(Comparator.comparingInt((Result o) -> consequence(o, failures) ? 1 : 0)
                        .thenComparingInt((Result o) -> o.todos().isEmpty() ? Integer.MAX_VALUE : o.todos().size())
                        .thenComparingInt(blamed::get).thenComparingInt(ProgressSummary::clarity));
        if (sharpest.isPresent()) {
            int todo = blamed.get(sharpest.get());
            return Optional.of(todo == 0
                    ? "Next: a check of the given code fails: " + sharpest.get().name()
                    : "Next: fix TODO " + todo + where(todo, sources) + "; start with: " + sharpest.get().name());
        }
        return counts.entrySet().stream()
                .filter(e -> e.getKey() > 0 && e.getValue()[2] > 0)
                .findFirst()
                .map(e -> "Next: write TODO " + e.getKey() + where(e.getKey(), sources) + ".");
    }

    /** Where TODO {@code todo} is written: {@code  in src/main/java/exercise11/UdpServer.java (decode)}. */
    private static String where(int todo, String sources) {
        return TodoSites.of(todo).map(site -> " in " + site.file(sources) + " (" + site.method() + ")")
                .orElse(" in " + sources);
    }

    /**
     * The line of a run in which nothing failed and nothing is pending: every TODO done, or, for a run of some of the
     * checks only, the TODOs that run covered.
     */
    private static String finished(java.util.Set<Integer> covered, int skipped, int notHere) {
        List<Integer> todos = covered.stream().filter(t -> t > 0).sorted().toList();
        String passes = skipped > 0 ? "every check that ran passes (" + skipped + " skipped, see above)"
                : notHere > 0 ? "every check that can run here passes (" + notHere + " not on this machine, see above)"
                : "every check passes";
        if (todos.size() == TodoSites.ALL.size()) {
            return "All " + NUMBERS[todos.size()] + " TODOs done: " + passes + ".";
        }
        return todos.isEmpty() ? "The given code's checks pass; this run checked no TODO."
                : "TODO" + (todos.size() == 1 ? " " : "s ") + todos.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " done: " + passes + "; this run left out the checks of the other TODOs.";
    }

    private static final String[] NUMBERS = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    private String nameOf(TestIdentifier id) {
        List<String> parts = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan == null ? Optional.empty() : plan.getParent(at.get())) {
            TestIdentifier node = at.get();
            if (node.getParentId().isPresent()) {
                parts.add(0, node.getDisplayName());
            }
        }
        return String.join(" > ", parts);
    }

    /** The rubric's key of the check {@code id} belongs to: {@code UdpServerTests.Receive#receivesAnEmptyDatagram}. */
    private static String keyOf(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> Dependencies.keyOf(m.getClassName()) + "#" + m.getMethodName())
                .orElse("");
    }

    /** Tell whether {@code id} is one of the exercise's checks (not, say, a test of the harness itself). */
    private static boolean isCheck(TestIdentifier id) {
        return id.isTest() && id.getSource().filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getClassName().startsWith(CHECKS_PACKAGE))
                .orElse(false);
    }

    private static List<Integer> todosOf(TestIdentifier id) {
        List<Integer> todos = new ArrayList<>();
        for (TestTag tag : id.getTags()) {
            if (tag.getName().startsWith(TODO_TAG)) {
                todos.add(Integer.parseInt(tag.getName().substring(TODO_TAG.length())));
            }
        }
        todos.sort(null);
        return todos;
    }

    /** The first line that says something: QuickTheories' "Property falsified after ..." is passed over. */
    private static String firstLine(String text) {
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("Property falsified"))
                .findFirst().orElse(text.strip());
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
