package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.build.Compilation;
import exercise11.grader.result.CheckResult;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Dependencies;
import exercise11.harness.Needs;
import exercise11.harness.Outcome;
import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The kit graded by its own grader")
class SelfCheckTests {

    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeStarterAndSolution() throws Exception {
        graded = Cohorts.grade("self", List.of(Variant.ofStarter("starter"), Variant.ofSolution("solution")));
    }

    @Test
    @DisplayName("the untouched starter scores 0, every check with points pending, every TODO named in its feedback")
    void starterScoresZeroWithEverythingPending() throws Exception {
        StudentResult starter = graded.of("starter");
        assertEquals(Status.GRADED, starter.status(), starter::reason);
        assertEquals(0.0, starter.score(), () -> "the starter earned points: " + passedWithPoints(starter));
        List<String> notPending = starter.checks().stream()
                .filter(s -> s.max() > 0 && s.check().status() != Outcome.PENDING)
                .map(s -> s.check().key() + " " + s.check().status()).toList();
        assertEquals(List.of(), notPending, "every check that carries points should be pending on the starter");
        String feedback = Files.readString(graded.out().resolve("students/starter/feedback.md"), StandardCharsets.UTF_8);
        for (int todo = 1; todo <= 9; todo++) {
            assertTrue(feedback.contains("TODO " + todo + ": "), "the starter's feedback never names TODO " + todo);
        }
    }

    @Test
    @DisplayName("the solution scores 100 % with nothing pending, failed, skipped or not run")
    void solutionScoresFull() {
        StudentResult solution = graded.of("solution");
        assertEquals(Status.GRADED, solution.status(), solution::reason);
        List<String> notPassed = solution.checks().stream().filter(s -> s.check().status() != Outcome.PASSED)
                .map(s -> s.check().key() + " " + s.check().status() + ": " + s.check().message()).toList();
        assertEquals(List.of(), notPassed, "every check should pass on the solution");
        Rubric rubric = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt"));
        assertEquals(rubric.maxScore(), solution.score(), 1e-9, "the solution defines 100 %");
        assertEquals(100.0, rubric.maxScore(), 1e-9, "the rubric's points should add up to 100");
    }

    @Test
    @DisplayName("every check has a line in the rubric, and every rubric line takes at least one check")
    void rubricAndChecksMatch() {
        Rubric rubric = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt"));
        List<CheckResult> checks = graded.of("solution").checks().stream().map(Rubric.Scored::check).toList();
        List<String> unpriced = checks.stream().filter(c -> rubric.entryFor(c).isEmpty()).map(CheckResult::key).toList();
        assertEquals(List.of(), unpriced, "these checks have no line in test-harness/rubric.txt");
        Set<String> used = checks.stream().map(c -> rubric.entryFor(c).orElseThrow().key()).collect(Collectors.toSet());
        // A line may go unused only if it is worth nothing and names a check class the grader left out of this run
        // (the cross-host tier without --containers).
        List<String> unused = rubric.entries().stream().filter(e -> !used.contains(e.key()))
                .filter(e -> e.points() > 0 || !Files.exists(Cohorts.KIT.resolve("test-harness/cross-host/checks/java/exercise11/checks")
                        .resolve(e.key().split("[.#]")[0] + ".java")))
                .map(Rubric.Entry::key).toList();
        assertEquals(List.of(), unused, "these rubric lines name no check that ran");
    }

    @Test
    @DisplayName("every TODO of the starter is covered by at least one check")
    void everyTodoHasACheck() {
        Set<Integer> named = new TreeSet<>();
        graded.of("solution").checks().forEach(s -> named.addAll(s.check().todos()));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9), named, "TODOs named by the checks' @Tag(\"todo-n\")");
    }

    @Test
    @DisplayName("docs/checks.md lists every check with the TODOs it names and its points")
    void theDesignDocumentListsTheChecks() throws Exception {
        List<List<String>> rows = graded.of("solution").checks().stream()
                .sorted(java.util.Comparator.comparing((Rubric.Scored s) -> s.check().key()))
                .map(s -> List.of("`" + s.check().key() + "`",
                        s.check().todos().isEmpty() ? "given code" : s.check().todos().stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")),
                        exercise11.grader.report.Reports.points(Math.round(s.max() * 100) / 100.0) + (s.hidden() ? " (hidden)" : "")))
                .toList();
        FixtureTable.requireDocumented("checks-by-todo", FixtureTable.table(List.of("check", "TODOs", "points"), rows));
    }

    private static List<String> passedWithPoints(StudentResult result) {
        return result.checks().stream().filter(s -> s.earned() > 0).map(s -> s.check().key()).toList();
    }

    @Test
    @DisplayName("every check a @Needs names exists, and runs before the checks that need it")
    void everyNeedExistsAndRunsFirst() throws Exception {
        // The order the grader ran the solution's checks in is the run's order (classes by @Order, as the build).
        List<String> order = graded.of("solution").checks().stream().map(s -> s.check().key()).toList();
        Path classes = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "needs").toAbsolutePath();
        Cohorts.deleteTree(classes);
        String classpath = String.join(File.pathSeparator, Cohorts.KIT.resolve("exercise-11-solution/target/classes").toString(),
                System.getProperty("java.class.path"));
        List<Path> sources = new ArrayList<>(Compilation.javaFiles(Cohorts.KIT.resolve("test-harness/checks/java")));
        sources.addAll(Compilation.javaFiles(Cohorts.KIT.resolve("test-harness/checks/hidden/java")));
        Compilation.Result compiled = Compilation.compile(sources, classpath, classes);
        assertTrue(compiled.ok(), compiled::errors);
        List<String> problems = new ArrayList<>();
        int needs = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(),
                Cohorts.KIT.resolve("exercise-11-solution/target/classes").toUri().toURL()}, getClass().getClassLoader())) {
            for (Path file : classFiles(classes)) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = loader.loadClass(name);
                List<AnnotatedElement> annotated = new ArrayList<>(List.of(type));
                annotated.addAll(Arrays.asList(type.getDeclaredMethods()));
                for (AnnotatedElement element : annotated) {
                    Needs need = element.getAnnotation(Needs.class);
                    if (need == null) {
                        continue;
                    }
                    needs++;
                    for (Class<?> needed : need.value()) {
                        for (String check : need.checks()) {
                            if (Arrays.stream(needed.getDeclaredMethods()).noneMatch(m -> m.getName().equals(check))) {
                                problems.add(element + " needs " + needed.getName() + "#" + check + ", which does not exist");
                            }
                        }
                    }
                    String needer = element instanceof Method m ? Dependencies.keyOf(m.getDeclaringClass()) + "#" + m.getName()
                            : Dependencies.keyOf((Class<?>) element);
                    int first = indexOf(order, needer, true);
                    for (String neededKey : Dependencies.needsOf(element)) {
                        int last = indexOf(order, neededKey, false);
                        if (last < 0 || first < 0 || last > first) {
                            problems.add(needer + " runs at " + first + ", before " + neededKey + " (last at " + last + ")");
                        }
                    }
                }
            }
        }
        assertTrue(needs > 5, "found only " + needs + " @Needs; is the search looking in the right place?");
        assertEquals(List.of(), problems);
    }

    /** The first (or last) place in {@code order} of a check that is {@code key} or part of it. */
    private static int indexOf(List<String> order, String key, boolean first) {
        int found = -1;
        for (int i = 0; i < order.size(); i++) {
            String k = order.get(i);
            if (k.equals(key) || k.startsWith(key + "#") || k.startsWith(key + ".")) {
                if (first) {
                    return i;
                }
                found = i;
            }
        }
        return found;
    }

    private static List<Path> classFiles(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
    }

    @Test
    @DisplayName("test-harness/checks/resources/exercise11/points.txt gives each visible check its points from the rubric")
    void visiblePointsMatchTheRubric() throws Exception {
        StringBuilder expected = new StringBuilder("# Points of each visible check that carries points, from test-harness/rubric.txt:\n"
                + "# what a student's repository scores itself with (GitHub Classroom). Generated: the kit's self-check\n"
                + "# fails when it differs, and writes the current one to kit-selfcheck/target/points.txt.\n");
        for (Rubric.Scored s : graded.of("solution").checks()) {
            if (!s.hidden() && s.max() > 0) {
                expected.append(s.check().key()).append(' ').append(s.max()).append('\n');
            }
        }
        Path generated = Path.of("target", "points.txt").toAbsolutePath();
        Files.writeString(generated, expected, StandardCharsets.UTF_8);
        Path committed = Cohorts.KIT.resolve("test-harness/checks/resources/" + exercise11.harness.ClassroomResult.POINTS);
        assertEquals(expected.toString(), Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "",
                () -> committed + " does not match the rubric; replace it with " + generated);
    }
}
